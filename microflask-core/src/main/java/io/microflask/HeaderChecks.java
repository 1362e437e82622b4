package io.microflask;

/**
 * The character rules of what an app puts into response headers, checked when a value is set so
 * that the error points at the code that set it (not at the write, on the event loop, where it
 * could only close the connection). Each failure is an {@link IllegalArgumentException} naming
 * the character, its position and what is allowed.
 */
final class HeaderChecks {
    /** RFC 9110 tchar, besides letters and digits. */
    private static final String TOKEN_SYMBOLS = "!#$%&'*+-.^_`|~";

    private HeaderChecks() {
    }

    /** A header name: an RFC 9110 token (letters, digits and {@code !#$%&'*+-.^_`|~}). */
    static void headerName(String name) {
        int bad = firstNonToken(name);
        if (bad >= 0) {
            throw notToken("the header name '" + printable(name) + "'", name, bad);
        }
    }

    /** A method or header name given to a setting: a token; the error names the setting. */
    static String token(String setting, String name) {
        if (name == null) {
            throw new IllegalArgumentException(setting + ": a name must not be null");
        }
        int bad = firstNonToken(name);
        if (bad >= 0) {
            throw notToken(setting + ": '" + printable(name) + "'", name, bad);
        }
        return name;
    }

    /** A cookie name: an RFC 9110 token, as for a header name. */
    static void cookieName(String name) {
        int bad = firstNonToken(name);
        if (bad >= 0) {
            throw notToken("the cookie name '" + printable(name) + "'", name, bad);
        }
    }

    /** The index of the first character of {@code name} that a token may not hold, or -1; 0 for an empty name. */
    private static int firstNonToken(String name) {
        if (name.isEmpty()) {
            return 0;
        }
        for (int i = 0; i < name.length(); i++) {
            if (!isTokenChar(name.charAt(i))) {
                return i;
            }
        }
        return -1;
    }

    private static IllegalArgumentException notToken(String what, String name, int at) {
        if (name.isEmpty()) {
            return new IllegalArgumentException(what + " is empty; a name needs at least one character");
        }
        return new IllegalArgumentException(what + " has " + describe(name.charAt(at)) + " at position " + at
                + "; a name may hold only ASCII letters, digits and " + TOKEN_SYMBOLS);
    }

    /** Text for an error message: control characters shown as {@code ?}, at most 64 characters. */
    static String printable(String text) {
        StringBuilder shown = new StringBuilder();
        for (int i = 0; i < Math.min(text.length(), 64); i++) {
            char c = text.charAt(i);
            shown.append(c < 0x20 || c == 0x7f ? '?' : c);
        }
        return text.length() > 64 ? shown + "..." : shown.toString();
    }

    private static boolean isTokenChar(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || TOKEN_SYMBOLS.indexOf(c) >= 0;
    }

    /**
     * A header value: no CR, LF, NUL or other control character (a horizontal tab is allowed), and
     * nothing beyond Latin-1, which HTTP/1.1 cannot carry.
     */
    static void headerValue(String name, String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if ((c < 0x20 && c != '\t') || c == 0x7f || c > 0xff) {
                throw new IllegalArgumentException("the value of header '" + name + "' has " + describe(c)
                        + " at position " + i + "; a header value may not hold CR, LF, NUL or other control "
                        + "characters, nor characters beyond Latin-1 (percent-encode them, or use RFC 8187's "
                        + "UTF-8'' form where the header allows it)");
            }
        }
    }

    /**
     * Cookie text (a value, or the Path attribute): printable US-ASCII except space, {@code "},
     * {@code ,}, {@code ;} and {@code \}, RFC 6265's cookie-octet. Returns the index of the first
     * other character, or -1.
     */
    static int firstNonCookieOctet(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c <= 0x20 || c >= 0x7f || c == '"' || c == ',' || c == ';' || c == '\\') {
                return i;
            }
        }
        return -1;
    }

    /** A character as an error message shows it: {@code ';' (U+003B)}, {@code a carriage return (U+000D)}. */
    static String describe(char c) {
        String code = String.format("U+%04X", (int) c);
        return switch (c) {
            case '\r' -> "a carriage return (" + code + ")";
            case '\n' -> "a line feed (" + code + ")";
            case '\t' -> "a tab (" + code + ")";
            case '\0' -> "a NUL (" + code + ")";
            case ' ' -> "a space (" + code + ")";
            default -> c > 0x20 && c < 0x7f ? "'" + c + "' (" + code + ")"
                    : c >= 0x7f && c <= 0x9f || c < 0x20 ? "a control character (" + code + ")"
                    : Character.isSurrogate(c) ? "a non-ASCII character (" + code + ")"
                    : "the non-ASCII character '" + c + "' (" + code + ")";
        };
    }
}
