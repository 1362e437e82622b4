package io.microflask.routing;

import io.microflask.Converter;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/** The converters a route pattern may name: Flask's built-ins plus any the app adds. */
public final class Converters {
    private final Map<String, Converter> byName = new ConcurrentHashMap<>();

    /**
     * The built-in converters: {@code string} (the default), {@code int}, {@code float}, {@code path},
     * {@code uuid}.
     */
    public Converters() {
        byName.put("string", new StringConverter());
        byName.put("int", new IntConverter());
        byName.put("float", new FloatConverter());
        byName.put("path", new PathConverter());
        byName.put("uuid", new UuidConverter());
    }

    /** Adds (or replaces) the converter used as {@code <name:var>}. */
    public void add(String name, Converter converter) {
        if (!name.matches("[A-Za-z_][A-Za-z0-9_]*")) {
            throw new IllegalArgumentException("converter name '" + name + "' must be an identifier");
        }
        byName.put(name, converter);
    }

    /** The converter of that name, or {@code null}. */
    public Converter get(String name) {
        return byName.get(name);
    }

    /** The names known, for error messages. */
    public java.util.Set<String> names() {
        return byName.keySet();
    }

    /** Any non-empty segment without a slash; Flask's default. */
    static final class StringConverter implements Converter {
        @Override
        public Object fromPath(String segment) {
            return segment.isEmpty() || segment.indexOf('/') >= 0 ? null : segment;
        }

        @Override
        public String toPath(Object value) {
            return PathEncoding.encodeSegment(String.valueOf(value));
        }

        @Override
        public boolean accepts(Class<?> type) {
            return type == String.class || type == CharSequence.class || type == Object.class;
        }

        @Override
        public int weight() {
            return 100;
        }
    }

    /** Digits only (no sign), as an {@code Integer}, or a {@code Long} when it does not fit. */
    static final class IntConverter implements Converter {
        @Override
        public Object fromPath(String segment) {
            int n = segment.length();
            if (n == 0 || n > 19) {
                return null;
            }
            for (int i = 0; i < n; i++) {
                char c = segment.charAt(i);
                if (c < '0' || c > '9') {
                    return null;
                }
            }
            long value;
            try {
                value = Long.parseLong(segment);
            } catch (NumberFormatException e) {
                return null;
            }
            return value <= Integer.MAX_VALUE ? (Object) (int) value : (Object) value;
        }

        @Override
        public String toPath(Object value) {
            if (value instanceof Number number && !(value instanceof Double) && !(value instanceof Float)
                    && number.longValue() >= 0) {
                return Long.toString(number.longValue());
            }
            if (value instanceof String s && fromPath(s) != null) {
                return s;
            }
            throw new IllegalArgumentException("int converter needs a non-negative integer, got " + value);
        }

        @Override
        public boolean accepts(Class<?> type) {
            return type == int.class || type == Integer.class || type == long.class || type == Long.class
                    || type == String.class || type == Object.class || type == Number.class;
        }

        @Override
        public int weight() {
            return 50;
        }
    }

    /** Digits, a dot, digits (no sign, no exponent), as a {@code Double}, as Werkzeug's float. */
    static final class FloatConverter implements Converter {
        @Override
        public Object fromPath(String segment) {
            int dot = segment.indexOf('.');
            if (dot <= 0 || dot == segment.length() - 1) {
                return null;
            }
            for (int i = 0; i < segment.length(); i++) {
                char c = segment.charAt(i);
                if (i != dot && (c < '0' || c > '9')) {
                    return null;
                }
            }
            return Double.parseDouble(segment);
        }

        @Override
        public String toPath(Object value) {
            if (value instanceof Number number) {
                double d = number.doubleValue();
                if (d >= 0 && !Double.isInfinite(d) && !Double.isNaN(d)) {
                    String text = java.math.BigDecimal.valueOf(d).toPlainString();
                    return text.indexOf('.') >= 0 ? text : text + ".0";
                }
            }
            throw new IllegalArgumentException("float converter needs a non-negative number, got " + value);
        }

        @Override
        public boolean accepts(Class<?> type) {
            return type == double.class || type == Double.class || type == float.class || type == Float.class
                    || type == String.class || type == Object.class || type == Number.class;
        }

        @Override
        public int weight() {
            return 50;
        }
    }

    /** The rest of the path, slashes included (one or more segments). */
    static final class PathConverter implements Converter {
        @Override
        public Object fromPath(String segment) {
            return segment.isEmpty() ? null : segment;
        }

        @Override
        public String toPath(Object value) {
            String text = String.valueOf(value);
            StringBuilder sb = new StringBuilder(text.length());
            String[] parts = text.split("/", -1);
            for (int i = 0; i < parts.length; i++) {
                if (i > 0) {
                    sb.append('/');
                }
                sb.append(PathEncoding.encodeSegment(parts[i]));
            }
            return sb.toString();
        }

        @Override
        public boolean accepts(Class<?> type) {
            return type == String.class || type == CharSequence.class || type == Object.class;
        }

        @Override
        public int weight() {
            return 200;
        }

        @Override
        public boolean spansSegments() {
            return true;
        }
    }

    /** A UUID in its canonical 8-4-4-4-12 form, as a {@code java.util.UUID}. */
    static final class UuidConverter implements Converter {
        @Override
        public Object fromPath(String segment) {
            if (segment.length() != 36) {
                return null;
            }
            for (int i = 0; i < 36; i++) {
                char c = segment.charAt(i);
                boolean dash = i == 8 || i == 13 || i == 18 || i == 23;
                if (dash ? c != '-' : Character.digit(c, 16) < 0) {
                    return null;
                }
            }
            return UUID.fromString(segment);
        }

        @Override
        public String toPath(Object value) {
            if (value instanceof UUID uuid) {
                return uuid.toString();
            }
            if (value instanceof String s && fromPath(s) != null) {
                return s.toLowerCase(java.util.Locale.ROOT);
            }
            throw new IllegalArgumentException("uuid converter needs a UUID, got " + value);
        }

        @Override
        public boolean accepts(Class<?> type) {
            return type == UUID.class || type == String.class || type == Object.class;
        }

        @Override
        public int weight() {
            return 50;
        }
    }
}
