package io.microflask.util;

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
