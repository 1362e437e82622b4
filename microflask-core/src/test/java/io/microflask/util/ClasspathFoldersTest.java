package io.microflask.util;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ClasspathFoldersTest {

    @Test
    void namesLoseTheirOuterSlashesAndMayNotClimbOut() {
        assertEquals("admin/static", ClasspathFolders.normalize("/admin/static/", "Blueprint.staticFolder"));
        assertEquals("admin/templates", ClasspathFolders.normalize("admin\\templates", "Blueprint.templateFolder"));
        assertEquals("a..b", ClasspathFolders.normalize("a..b", "Blueprint.templateFolder"));
        for (String bad : new String[] {"", "/", "../secrets", "admin/../..", "admin/./x", "admin//x", null}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> ClasspathFolders.normalize(bad, "Blueprint.templateFolder"), String.valueOf(bad));
            assertTrue(e.getMessage().startsWith("Blueprint.templateFolder(\"" + bad + "\"): give a folder on the "
                    + "classpath such as \"admin/static\""), e.getMessage());
        }
    }

    @Test
    void theSourceOfAFolderInAMavenOrGradleMainOutputIsSrcMainResources(@TempDir Path temp) throws IOException {
        Path maven = temp.resolve("maven");
        Files.createDirectories(maven.resolve("target/classes/admin/templates"));
        Files.createDirectories(maven.resolve("src/main/resources/admin/templates"));
        Files.createDirectories(maven.resolve("target/classes/unbuilt"));
        Path gradle = temp.resolve("gradle");
        Files.createDirectories(gradle.resolve("build/resources/main/admin/static"));
        Files.createDirectories(gradle.resolve("src/main/resources/admin/static"));
        Files.createDirectories(temp.resolve("elsewhere/admin/static"));
        try (URLClassLoader mavenLoader = loader(maven.resolve("target/classes"));
             URLClassLoader gradleLoader = loader(gradle.resolve("build/resources/main"));
             URLClassLoader otherLoader = loader(temp.resolve("elsewhere"))) {
            assertEquals(maven.resolve("src/main/resources/admin/templates").toAbsolutePath().normalize(),
                    ClasspathFolders.sourceFolder(mavenLoader, "admin/templates"));
            assertNull(ClasspathFolders.sourceFolder(mavenLoader, "unbuilt"), "no such source folder");
            assertNull(ClasspathFolders.sourceFolder(mavenLoader, "missing"), "not on the classpath");
            assertEquals(gradle.resolve("src/main/resources/admin/static").toAbsolutePath().normalize(),
                    ClasspathFolders.sourceFolder(gradleLoader, "admin/static"));
            assertNull(ClasspathFolders.sourceFolder(otherLoader, "admin/static"), "not a build's output directory");
        }
    }

    private static URLClassLoader loader(Path directory) throws IOException {
        return new URLClassLoader(new URL[] {directory.toUri().toURL()}, null);
    }
}
