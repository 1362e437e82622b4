package io.microflask.devtools;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Which editor the error page's links open a file in. A link names the absolute file and the
 * line; the editor must be installed with its URL handler registered (both are by default).
 */
public enum Editor {
    /** {@code vscode://file/ABSOLUTE_PATH:LINE} (VS Code and its forks register this scheme). */
    VSCODE,
    /** {@code idea://open?file=ABSOLUTE_PATH&line=LINE} (IntelliJ IDEA, via the Toolbox or the IDE itself). */
    INTELLIJ;

    /** The URL that opens {@code file} at {@code line}. */
    public String link(Path file, int line) {
        String path = file.toAbsolutePath().toString().replace('\\', '/');
        int shownLine = Math.max(1, line);
        return switch (this) {
            case VSCODE -> "vscode://file" + (path.startsWith("/") ? "" : "/") + path + ":" + shownLine;
            case INTELLIJ -> "idea://open?file=" + URLEncoder.encode(path, StandardCharsets.UTF_8)
                    + "&line=" + shownLine;
        };
    }
}
