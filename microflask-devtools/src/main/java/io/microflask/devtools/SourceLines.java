package io.microflask.devtools;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The lines of a source file around one line, for the error page. */
final class SourceLines {
    /** Lines shown before and after the one that failed. */
    static final int CONTEXT = 5;

    private SourceLines() {
    }

    /** One numbered line; {@code current} marks the line a frame or a diagnostic names. */
    record Line(int number, String text, boolean current) {
    }

    /** The lines around {@code line} (1-based), or an empty list when the file cannot be read. */
    static List<Line> around(Path file, long line) {
        if (file == null || line <= 0 || !Files.isRegularFile(file)) {
            return List.of();
        }
        List<String> all;
        try {
            all = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException | java.io.UncheckedIOException e) {
            return List.of();
        }
        int from = (int) Math.max(1, line - CONTEXT);
        int to = (int) Math.min(all.size(), line + CONTEXT);
        List<Line> lines = new ArrayList<>();
        for (int n = from; n <= to; n++) {
            lines.add(new Line(n, all.get(n - 1), n == line));
        }
        return lines;
    }
}
