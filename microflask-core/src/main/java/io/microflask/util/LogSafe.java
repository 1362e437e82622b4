package io.microflask.util;

import java.util.IdentityHashMap;
import java.util.Map;

/**
 * Makes text from a request safe to put in a log line: control characters are written as escapes,
 * so that a path decoded from {@code %0d%0a}, or a header carrying them, cannot end the line and
 * forge another one. Every log statement that prints request data (method, path, URI, query,
 * headers, or a message built from them) passes it through {@link #text(Object)}.
 */
public final class LogSafe {
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private LogSafe() {
    }

    /**
     * {@code value}'s text with CR, LF and tab as {@code \r}, {@code \n}, {@code \t}, and every other
     * C0 control character, DEL, the C1 controls (U+0080 to U+009F, among them NEL) and the Unicode
     * line and paragraph separators (U+2028, U+2029) as {@code \}{@code uXXXX}. Other text, including
     * backslashes, is left as it is; {@code null} is {@code "null"}.
     */
    public static String text(Object value) {
        String text = String.valueOf(value);
        int first = firstUnsafe(text);
        if (first < 0) {
            return text;
        }
        StringBuilder escaped = new StringBuilder(text.length() + 16).append(text, 0, first);
        for (int i = first; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!isUnsafe(c)) {
                escaped.append(c);
            } else if (c == '\r') {
                escaped.append("\\r");
            } else if (c == '\n') {
                escaped.append("\\n");
            } else if (c == '\t') {
                escaped.append("\\t");
            } else {
                escaped.append("\\u").append(HEX[(c >> 12) & 0xf]).append(HEX[(c >> 8) & 0xf])
                        .append(HEX[(c >> 4) & 0xf]).append(HEX[c & 0xf]);
            }
        }
        return escaped.toString();
    }

    /**
     * {@code failure} as it may be handed to a logger: itself when no message in it, its causes or
     * its suppressed exceptions holds a control character, else a stand-in whose message is the
     * escaped {@code toString()} of the original ({@code java.lang.IllegalStateException: bad\r\nline}),
     * with the original's stack trace, causes and suppressed exceptions escaped the same way. A
     * handler that puts request data into an exception message (a common and harmless habit) then
     * cannot forge lines in the stack trace a logger prints. {@code null} stays {@code null}.
     */
    public static Throwable throwable(Throwable failure) {
        if (failure == null || !needsEscaping(failure, new IdentityHashMap<>())) {
            return failure;
        }
        return escaped(failure, new IdentityHashMap<>());
    }

    private static boolean needsEscaping(Throwable failure, Map<Throwable, Boolean> seen) {
        if (seen.put(failure, Boolean.TRUE) != null) {
            return false;
        }
        if (firstUnsafe(String.valueOf(failure.getMessage())) >= 0) {
            return true;
        }
        for (Throwable suppressed : failure.getSuppressed()) {
            if (needsEscaping(suppressed, seen)) {
                return true;
            }
        }
        return failure.getCause() != null && needsEscaping(failure.getCause(), seen);
    }

    private static Throwable escaped(Throwable failure, Map<Throwable, Boolean> inProgress) {
        if (inProgress.put(failure, Boolean.TRUE) != null) {
            return null; // a cycle among causes: the first occurrence already says it
        }
        Throwable cause = failure.getCause() == null ? null : escaped(failure.getCause(), inProgress);
        EscapedThrowable copy = new EscapedThrowable(text(failure.toString()), cause);
        copy.setStackTrace(failure.getStackTrace());
        for (Throwable suppressed : failure.getSuppressed()) {
            Throwable escapedSuppressed = escaped(suppressed, inProgress);
            if (escapedSuppressed != null) {
                copy.addSuppressed(escapedSuppressed);
            }
        }
        return copy;
    }

    /** Stands in for an exception whose text had control characters; its message is that text, escaped. */
    private static final class EscapedThrowable extends Throwable {
        private static final long serialVersionUID = 1L;

        EscapedThrowable(String escapedDescription, Throwable escapedCause) {
            super(escapedDescription, escapedCause, true, true);
        }

        @Override
        public String toString() {
            // The original's "class: message", escaped; without this class's own name in front.
            return getMessage();
        }
    }

    private static int firstUnsafe(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (isUnsafe(text.charAt(i))) {
                return i;
            }
        }
        return -1;
    }

    private static boolean isUnsafe(char c) {
        return c < 0x20 || (c >= 0x7f && c <= 0x9f) || c == '\u2028' || c == '\u2029';
    }
}
