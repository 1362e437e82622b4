package io.microflask.run;

import java.io.Console;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * QR codes of the banner's LAN URLs, drawn in the terminal so that a phone on the same network
 * opens the URL with its camera. Each character cell holds two modules, one above the other, as
 * half blocks ({@code ▀ ▄ █}), in black on white whatever the terminal's colours, inside the
 * four-module quiet zone a reader needs. The code itself comes from the optional
 * {@code io.nayuki:qrcodegen} (microflask-devtools brings it), found at run time.
 */
final class TerminalQrCodes {
    /** The Maven coordinates of the QR library, for the line that says it is missing. */
    static final String LIBRARY = "io.nayuki:qrcodegen";
    /** Light modules around the code, as ISO/IEC 18004 asks. */
    static final int QUIET_ZONE = 4;
    private static final String BLACK_ON_WHITE = "\u001b[30;107m";
    private static final String RESET = "\u001b[0m";

    private TerminalQrCodes() {
    }

    /** Where the banner is written: whether a terminal shows it, and whether colours are refused. */
    record Terminal(boolean interactive, boolean noColor) {
        /** This process's terminal: a console that is a terminal, and {@code NO_COLOR}. */
        static Terminal detect() {
            return new Terminal(consoleIsTerminal(), System.getenv("NO_COLOR") != null
                    && !System.getenv("NO_COLOR").isEmpty());
        }

        /** Not a terminal: logs, files, tests. */
        static Terminal none() {
            return new Terminal(false, false);
        }
    }

    /**
     * Why no QR code can be drawn for {@code terminal}, or empty when one can: the setting is off,
     * the output is no terminal, {@code NO_COLOR} is set, or the library is missing.
     */
    static Optional<String> whyNot(boolean enabled, Terminal terminal, boolean libraryPresent) {
        if (!enabled) {
            return Optional.of("settings().terminalQrCodes(false)");
        }
        if (!terminal.interactive()) {
            return Optional.of("the output is not a terminal");
        }
        if (terminal.noColor()) {
            return Optional.of("NO_COLOR is set");
        }
        if (!libraryPresent) {
            return Optional.of("add " + LIBRARY + " (microflask-devtools brings it) to the class path to get them");
        }
        return Optional.empty();
    }

    /** Whether the optional QR library is on the class path. */
    static boolean libraryPresent() {
        try {
            Class.forName("io.nayuki.qrcodegen.QrCode", false, TerminalQrCodes.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    /**
     * {@code text} as a QR code in terminal rows, or empty when it cannot be encoded (too long);
     * only call once {@link #libraryPresent()} is true.
     */
    static Optional<List<String>> draw(String text) {
        boolean[][] modules;
        try {
            modules = QrCodeLibrary.modules(text);
        } catch (RuntimeException tooLong) {
            return Optional.empty();
        }
        return Optional.of(rows(modules));
    }

    /**
     * The rows that draw {@code modules} ({@code [y][x]}, true where dark) with the quiet zone,
     * two module rows to a line, each line black on white and reset at its end.
     */
    static List<String> rows(boolean[][] modules) {
        int size = modules.length;
        int span = size + 2 * QUIET_ZONE;
        List<String> rows = new ArrayList<>();
        for (int y = 0; y < span; y += 2) {
            StringBuilder row = new StringBuilder(BLACK_ON_WHITE);
            for (int x = 0; x < span; x++) {
                boolean top = dark(modules, x - QUIET_ZONE, y - QUIET_ZONE);
                boolean bottom = dark(modules, x - QUIET_ZONE, y + 1 - QUIET_ZONE);
                row.append(top ? (bottom ? '█' : '▀') : (bottom ? '▄' : ' '));
            }
            rows.add(row.append(RESET).toString());
        }
        return rows;
    }

    private static boolean dark(boolean[][] modules, int x, int y) {
        return y >= 0 && y < modules.length && x >= 0 && x < modules.length && modules[y][x];
    }

    /**
     * Whether the console is a terminal. From Java 22 {@link System#console()} may be a console
     * even when output is redirected, and {@code Console.isTerminal()} tells; on 17 to 21 a
     * console exists only for a terminal.
     */
    private static boolean consoleIsTerminal() {
        Console console = System.console();
        if (console == null) {
            return false;
        }
        try {
            Method isTerminal = Console.class.getMethod("isTerminal");
            return (Boolean) isTerminal.invoke(console);
        } catch (ReflectiveOperationException | RuntimeException olderJava) {
            return true;
        }
    }
}
