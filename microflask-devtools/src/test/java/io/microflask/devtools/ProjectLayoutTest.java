package io.microflask.devtools;

import example.app.ErrorApp;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ProjectLayoutTest {

    @Test
    void sourcesAndResourcesBelongToTheClassOutputDirectory() {
        Path project = Path.of("/work/notes");
        assertEquals(List.of(project.resolve("src/main/java")),
                ProjectLayout.derived(project.resolve("target/classes"), "java"));
        assertEquals(List.of(project.resolve("src/main/resources")),
                ProjectLayout.derived(project.resolve("target/classes"), "resources"));
        assertEquals(List.of(project.resolve("src/test/java")),
                ProjectLayout.derived(project.resolve("target/test-classes"), "java"));
        assertEquals(List.of(project.resolve("src/main/java")),
                ProjectLayout.derived(project.resolve("build/classes/java/main"), "java"));
        assertEquals(List.of(), ProjectLayout.derived(project.resolve("out"), "java"));
    }

    @Test
    void detectedFromWhereTheHandlerClassWasLoaded() {
        ProjectLayout layout = ProjectLayout.detect(List.of(ErrorApp.class), new DevTools());

        assertEquals(List.of(Path.of("target/test-classes").toAbsolutePath()), layout.classDirs());
        assertEquals(List.of(Path.of("src/test/java").toAbsolutePath()), layout.sourceRoots());
        assertEquals(List.of(Path.of("src/test/resources").toAbsolutePath()), layout.resourceRoots());
    }

    @Test
    void settingsReplaceWhatIsDetected() {
        DevTools settings = new DevTools().sourceRoots(Path.of("app/java"))
                .classOutputDirs(Path.of("app/out"));

        ProjectLayout layout = ProjectLayout.detect(List.of(ErrorApp.class), settings);

        assertEquals(List.of(Path.of("app/out").toAbsolutePath()), layout.classDirs());
        assertEquals(List.of(Path.of("app/java").toAbsolutePath()), layout.sourceRoots());
        assertTrue(layout.resourceRoots().isEmpty(), layout.resourceRoots().toString());
    }

    @Test
    void frameworkFramesAreTheJdkTheServerAndMicroflaskButNotTheSamples() {
        assertTrue(ErrorReport.isFramework("io.microflask.dispatch.RequestLifecycle"));
        assertTrue(ErrorReport.isFramework("io.netty.channel.AbstractChannelHandlerContext"));
        assertTrue(ErrorReport.isFramework("java.lang.Integer"));
        assertTrue(!ErrorReport.isFramework("io.microflask.samples.HelloApp"));
        assertTrue(!ErrorReport.isFramework("example.app.ErrorApp"));
    }
}
