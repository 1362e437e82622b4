package io.microflask.devtools;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Finds the source file of a stack frame: {@code com.example.NotesApi} in {@code NotesApi.java}
 * is {@code com/example/NotesApi.java} under one of the project's source roots, or under the
 * root that belongs to the directory the class was loaded from.
 */
final class SourceLocator {
    private final List<Path> sourceRoots;

    SourceLocator(List<Path> sourceRoots) {
        this.sourceRoots = sourceRoots;
    }

    /** The file, or {@code null} when it is not in any source root (a library, the JDK). */
    Path find(StackTraceElement frame, Class<?> type) {
        String fileName = frame.getFileName();
        if (fileName == null) {
            return null;
        }
        String className = frame.getClassName();
        int lastDot = className.lastIndexOf('.');
        String relative = (lastDot < 0 ? "" : className.substring(0, lastDot).replace('.', '/') + "/") + fileName;
        Set<Path> roots = new LinkedHashSet<>(sourceRoots);
        if (type != null) {
            Path classDir = ProjectLayout.classDirectory(type);
            if (classDir != null) {
                roots.addAll(ProjectLayout.derived(classDir, "java"));
            }
        }
        for (Path root : roots) {
            Path file = root.resolve(relative);
            if (Files.isRegularFile(file)) {
                return file.toAbsolutePath().normalize();
            }
        }
        return null;
    }
}
