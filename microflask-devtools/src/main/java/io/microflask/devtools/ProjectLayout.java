package io.microflask.devtools;

import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Where an app's sources, resources and compiled classes are. Found from the code source of its
 * classes: a class loaded from {@code PROJECT/target/classes} has its sources in
 * {@code PROJECT/src/main/java} (Maven), and likewise {@code target/test-classes},
 * {@code build/classes/java/main} (Gradle); settings override each list.
 */
record ProjectLayout(List<Path> sourceRoots, List<Path> resourceRoots, List<Path> classDirs) {

    static ProjectLayout detect(Collection<Class<?>> classes, DevTools settings) {
        Set<Path> classDirs = new LinkedHashSet<>(settings.classOutputDirs());
        if (classDirs.isEmpty()) {
            for (Class<?> type : classes) {
                Path dir = classDirectory(type);
                if (dir != null) {
                    classDirs.add(dir);
                }
            }
        }
        Set<Path> sources = new LinkedHashSet<>(settings.sourceRoots());
        Set<Path> resources = new LinkedHashSet<>(settings.resourceRoots());
        for (Path dir : classDirs) {
            if (settings.sourceRoots().isEmpty()) {
                sources.addAll(existing(derived(dir, "java")));
            }
            if (settings.resourceRoots().isEmpty()) {
                resources.addAll(existing(derived(dir, "resources")));
            }
        }
        return new ProjectLayout(normalized(sources), normalized(resources), normalized(classDirs));
    }

    /** The directory a class was loaded from, or {@code null} for a jar or the JDK. */
    static Path classDirectory(Class<?> type) {
        if (type.getClassLoader() instanceof ReloadingClassLoader reloading) {
            return reloading.originalDirectoryOf(type.getName());
        }
        CodeSource source = type.getProtectionDomain() == null ? null : type.getProtectionDomain().getCodeSource();
        URL location = source == null ? null : source.getLocation();
        if (location == null || !"file".equals(location.getProtocol())) {
            return null;
        }
        try {
            Path path = Path.of(location.toURI()).toAbsolutePath().normalize();
            return Files.isDirectory(path) ? path : null;
        } catch (URISyntaxException | IllegalArgumentException e) {
            return null;
        }
    }

    /**
     * The source ({@code kind = "java"}) or resource ({@code "resources"}) directories that
     * belong to a class output directory, whether or not they exist.
     */
    static List<Path> derived(Path classDir, String kind) {
        List<Path> roots = new ArrayList<>(2);
        Path name = classDir.getFileName();
        Path parent = classDir.getParent();
        if (name == null || parent == null) {
            return roots;
        }
        String dirName = name.toString();
        String parentName = parent.getFileName() == null ? "" : parent.getFileName().toString();
        if (parentName.equals("target") && dirName.equals("classes")) {
            roots.add(parent.resolveSibling("src").resolve("main").resolve(kind));
        } else if (parentName.equals("target") && dirName.equals("test-classes")) {
            roots.add(parent.resolveSibling("src").resolve("test").resolve(kind));
        } else if (parent.getParent() != null && parent.getParent().getFileName() != null
                && parent.getParent().getFileName().toString().equals("classes")
                && parent.getParent().getParent() != null) {
            // Gradle: build/classes/java/main -> src/main/java
            Path build = parent.getParent().getParent();
            roots.add(build.resolveSibling("src").resolve(dirName).resolve(kind));
        } else if (parentName.equals("resources") && parent.getParent() != null) {
            Path build = parent.getParent();
            roots.add(build.resolveSibling("src").resolve(dirName).resolve(kind));
        }
        return roots;
    }

    private static List<Path> existing(List<Path> paths) {
        List<Path> found = new ArrayList<>();
        for (Path path : paths) {
            if (Files.isDirectory(path)) {
                found.add(path);
            }
        }
        return found;
    }

    private static List<Path> normalized(Collection<Path> paths) {
        Set<Path> result = new LinkedHashSet<>();
        for (Path path : paths) {
            result.add(path.toAbsolutePath().normalize());
        }
        return List.copyOf(result);
    }

    /** Whether a file is inside one of these directories. */
    static boolean isUnder(Path file, Collection<Path> roots) {
        for (Path root : roots) {
            if (file.startsWith(root)) {
                return true;
            }
        }
        return false;
    }
}
