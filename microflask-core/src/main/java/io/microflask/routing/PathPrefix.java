package io.microflask.routing;

/**
 * A path prefix that scopes hooks and error handlers (a class's {@code @Route} prefix, or the one
 * given to {@code app.beforeRequest("/admin", ...)}): {@code "/admin"} covers {@code /admin} and
 * {@code /admin/...} but not {@code /administrator}. The app-wide scope is {@link #APP_WIDE};
 * {@code "/"} means the same.
 *
 * @param value the normalised prefix: {@code ""} for app-wide, else starting with {@code '/'} and
 *              without a trailing one
 */
public record PathPrefix(String value) {
    /** The scope of everything. */
    public static final PathPrefix APP_WIDE = new PathPrefix("");

    /** Validates that {@code value} is already normalised; use {@link #of} to normalise. */
    public PathPrefix {
        if (!value.isEmpty() && (!value.startsWith("/") || value.endsWith("/"))) {
            throw new IllegalArgumentException("a prefix is normalised by PathPrefix.of, got '" + value + "'");
        }
    }

    /**
     * The prefix {@code text} names: {@code ""} or {@code "/"} for app-wide, else a path starting
     * with {@code '/'}; a trailing slash is dropped. {@code where} names the setting in the error
     * for anything else, e.g. {@code "@Route(\"admin\") on class Admin"}.
     */
    public static PathPrefix of(String text, String where) {
        if (text == null || !(text.isEmpty() || text.startsWith("/"))) {
            String shown = text == null ? "null" : text;
            throw new IllegalArgumentException(where + ": a prefix is \"\" (app-wide) or a path starting with '/', "
                    + "e.g. \"/" + (text == null ? "admin" : text) + "\"; got '" + shown + "'");
        }
        String trimmed = text;
        while (trimmed.length() > 1 && trimmed.endsWith("/")) {
            trimmed = trimmed.substring(0, trimmed.length() - 1);
        }
        return trimmed.equals("/") || trimmed.isEmpty() ? APP_WIDE : new PathPrefix(trimmed);
    }

    /** Whether this scope covers {@code path}. */
    public boolean covers(String path) {
        return value.isEmpty() || path.equals(value)
                || (path.length() > value.length() && path.startsWith(value) && path.charAt(value.length()) == '/');
    }

    /** How specific the scope is: its length, 0 for app-wide. The longest covering prefix wins. */
    public int specificity() {
        return value.length();
    }

    @Override
    public String toString() {
        return value.isEmpty() ? "(app-wide)" : value;
    }
}
