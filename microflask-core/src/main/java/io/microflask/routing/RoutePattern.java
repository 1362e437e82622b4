package io.microflask.routing;

import io.microflask.Converter;
import java.util.ArrayList;
import java.util.List;

/**
 * A parsed route pattern such as {@code /users/<int:id>/posts/}: a list of parts, each either a
 * literal segment or a variable with its converter. A trailing slash is an empty last segment.
 */
public final class RoutePattern {

    /** One segment of a pattern. {@code converterName} is null for a literal. */
    public record Part(String literal, String variable, String converterName, Converter converter) {
        /** Whether this part is a variable rather than literal text. */
        public boolean isVariable() {
            return variable != null;
        }

        /** A key equal for parts that match the same segments, whatever the variable's name. */
        String shapeKey() {
            return isVariable() ? "<" + converterName + ">" : literal;
        }
    }

    private final String source;
    private final List<Part> parts;

    private RoutePattern(String source, List<Part> parts) {
        this.source = source;
        this.parts = List.copyOf(parts);
    }

    /**
     * Parses a pattern; throws {@link IllegalArgumentException} naming the problem (a missing
     * leading slash, an unknown converter, a duplicate variable, a malformed {@code <...>}).
     */
    public static RoutePattern parse(String pattern, Converters converters) {
        if (pattern == null || !pattern.startsWith("/")) {
            throw new IllegalArgumentException("route pattern '" + pattern + "' must start with '/'");
        }
        List<Part> parts = new ArrayList<>();
        List<String> names = new ArrayList<>();
        String[] segments = pattern.substring(1).split("/", -1);
        for (int i = 0; i < segments.length; i++) {
            String segment = segments[i];
            if (segment.isEmpty() && i < segments.length - 1) {
                throw new IllegalArgumentException("route pattern '" + pattern + "' has an empty segment ('//')");
            }
            if (segment.startsWith("<") && segment.endsWith(">")) {
                String inner = segment.substring(1, segment.length() - 1).trim();
                String converterName = "string";
                String name = inner;
                int colon = inner.indexOf(':');
                if (colon >= 0) {
                    converterName = inner.substring(0, colon).trim();
                    name = inner.substring(colon + 1).trim();
                }
                if (!name.matches("[A-Za-z_][A-Za-z0-9_]*")) {
                    throw new IllegalArgumentException("route pattern '" + pattern + "': variable name '" + name
                            + "' must be a Java identifier");
                }
                Converter converter = converters.get(converterName);
                if (converter == null) {
                    throw new IllegalArgumentException("route pattern '" + pattern + "': unknown converter '"
                            + converterName + "' for <" + inner + ">; known converters: "
                            + new java.util.TreeSet<>(converters.names()));
                }
                if (names.contains(name)) {
                    throw new IllegalArgumentException("route pattern '" + pattern + "' uses the variable '"
                            + name + "' twice");
                }
                names.add(name);
                parts.add(new Part(null, name, converterName, converter));
            } else if (segment.contains("<") || segment.contains(">")) {
                throw new IllegalArgumentException("route pattern '" + pattern + "': segment '" + segment
                        + "' mixes text and a variable; a variable takes a whole segment, e.g. /<int:id>");
            } else {
                parts.add(new Part(PathEncoding.decodeSegment(segment), null, null, null));
            }
        }
        return new RoutePattern(pattern, parts);
    }

    /** Joins a class prefix and a method pattern: {@code "/api" + "/notes"} is {@code "/api/notes"}. */
    public static String join(String prefix, String pattern) {
        if (prefix == null || prefix.isEmpty() || prefix.equals("/")) {
            return pattern.isEmpty() ? "/" : pattern;
        }
        String p = prefix.endsWith("/") ? prefix.substring(0, prefix.length() - 1) : prefix;
        if (pattern.isEmpty() || pattern.equals("/")) {
            return pattern.isEmpty() ? p : p + "/";
        }
        return p + (pattern.startsWith("/") ? pattern : "/" + pattern);
    }

    /** The pattern as written, e.g. {@code /users/<int:id>}. */
    public String source() {
        return source;
    }

    /** The parts between slashes, in order. */
    public List<Part> parts() {
        return parts;
    }

    /** The variables' names in order of appearance. */
    public List<String> variableNames() {
        List<String> names = new ArrayList<>();
        for (Part part : parts) {
            if (part.isVariable()) {
                names.add(part.variable());
            }
        }
        return names;
    }

    /** The part of the variable {@code name}, or {@code null}. */
    public Part variable(String name) {
        for (Part part : parts) {
            if (name.equals(part.variable())) {
                return part;
            }
        }
        return null;
    }

    /** Equal for patterns that match exactly the same paths. */
    public String shape() {
        StringBuilder sb = new StringBuilder();
        for (Part part : parts) {
            sb.append('/').append(part.shapeKey());
        }
        return sb.toString();
    }

    @Override
    public String toString() {
        return source;
    }
}
