package io.microflask.util;

/**
 * JSON string literals for the few places core and its extensions write JSON by hand (the session
 * cookie, debug pages) without Jackson.
 */
public final class JsonString {
    private JsonString() {
    }

    /**
     * Appends {@code text} as a quoted JSON string. {@code <} is written as {@code \u003c}, still
     * valid JSON, so that the text never closes a {@code <script>} it may be embedded in.
     */
    public static void appendQuoted(StringBuilder out, String text) {
        out.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                case '<' -> out.append("\\u003c");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
