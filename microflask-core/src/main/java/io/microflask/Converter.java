package io.microflask;

/**
 * Turns a path segment into a value and back, as Werkzeug's converters do: {@code <int:id>}
 * matches only digits and gives an {@code Integer}.
 */
public interface Converter {

    /** The value for a matching segment, or {@code null} when the segment does not match. */
    Object fromPath(String segment);

    /** The segment for a value, for {@code url_for}; throws {@link IllegalArgumentException} if it cannot. */
    String toPath(Object value);

    /** The Java types a handler parameter bound to this variable may have. */
    boolean accepts(Class<?> parameterType);

    /** Lower weights are tried first, e.g. {@code int} (50) before {@code string} (100). */
    int weight();

    /** Whether this converter consumes the rest of the path, slashes included ({@code path}). */
    default boolean spansSegments() {
        return false;
    }
}
