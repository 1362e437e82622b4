package io.microflask.devtools;

import java.nio.file.Path;

/**
 * One compiler message (or a template's), as the error page shows it.
 *
 * @param file    the source file, or {@code null} when the compiler named none
 * @param line    1-based line, or 0 when unknown
 * @param column  1-based column, or 0 when unknown
 * @param message the compiler's message
 */
record CompileDiagnostic(Path file, long line, long column, String message) {

    /** {@code File.java:12: message}, as javac prints it. */
    String toText() {
        StringBuilder text = new StringBuilder();
        if (file != null) {
            text.append(file).append(':');
            if (line > 0) {
                text.append(line).append(':');
            }
            text.append(' ');
        }
        return text.append("error: ").append(message).toString();
    }
}
