package io.microflask.util;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON subset a session holds: strings, numbers, booleans, null, lists and maps with string
 * keys. Core has no JSON library, and a session must never go through Java serialization (a
 * forged cookie would then be code), so this small, strict, bounded codec lives here.
 *
 * <p>Values are normalised on the way in so that a value reads the same before and after a round
 * trip through the cookie: whole numbers become {@link Long} (or {@link BigInteger} beyond it),
 * other numbers {@link Double}, lists and maps unmodifiable copies.
 */
public final class JsonValues {
    /** Deepest nesting of lists and maps accepted. */
    public static final int MAX_DEPTH = 32;
    /** Longest text accepted by {@link #parse}; a cookie is far smaller. */
    public static final int MAX_LENGTH = 64 * 1024;

    private JsonValues() {
    }

    /** Thrown by {@link #parse} for text that is not JSON or goes past the bounds. */
    public static final class MalformedJsonException extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        MalformedJsonException(String message) {
            super(message);
        }
    }

    /**
     * The normalised, immutable copy of a JSON-like value. Throws {@link IllegalArgumentException}
     * naming the path and the type of anything else (a session stores data, not objects).
     */
    public static Object normalize(Object value, String where) {
        return normalize(value, where, 0);
    }

    private static Object normalize(Object value, String where, int depth) {
        if (depth > MAX_DEPTH) {
            throw new IllegalArgumentException(where + " nests lists and maps deeper than " + MAX_DEPTH + " levels");
        }
        if (value == null || value instanceof String || value instanceof Boolean || value instanceof Long
                || value instanceof BigInteger) {
            return value;
        }
        if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return ((Number) value).longValue();
        }
        if (value instanceof Double || value instanceof Float) {
            double d = ((Number) value).doubleValue();
            if (Double.isNaN(d) || Double.isInfinite(d)) {
                throw new IllegalArgumentException(where + " is " + d + ", which JSON cannot hold");
            }
            return d;
        }
        if (value instanceof BigDecimal decimal) {
            return decimal.doubleValue();
        }
        if (value instanceof Character c) {
            return String.valueOf(c);
        }
        if (value instanceof Collection<?> collection) {
            List<Object> copy = new ArrayList<>(collection.size());
            int i = 0;
            for (Object element : collection) {
                copy.add(normalize(element, where + "[" + i++ + "]", depth + 1));
            }
            return Collections.unmodifiableList(copy);
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> copy = new LinkedHashMap<>();
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                if (!(entry.getKey() instanceof String key)) {
                    throw new IllegalArgumentException(where + " has the key " + entry.getKey()
                            + " of type " + (entry.getKey() == null ? "null" : entry.getKey().getClass().getName())
                            + "; a session map's keys are strings");
                }
                copy.put(key, normalize(entry.getValue(), where + "." + key, depth + 1));
            }
            return Collections.unmodifiableMap(copy);
        }
        String hint = value instanceof Enum<?> ? " (store its name(), e.g. " + ((Enum<?>) value).name() + ")"
                : " (store its fields as a Map, or an id to look it up again)";
        throw new IllegalArgumentException(where + " is a " + value.getClass().getName()
                + ", which a session cannot hold: it keeps strings, numbers, booleans, null, lists and maps" + hint);
    }

    /** The JSON text of a normalised value. */
    public static String encode(Object value) {
        StringBuilder out = new StringBuilder(64);
        write(value, out);
        return out.toString();
    }

    private static void write(Object value, StringBuilder out) {
        if (value == null) {
            out.append("null");
        } else if (value instanceof String s) {
            JsonString.appendQuoted(out, s);
        } else if (value instanceof Boolean || value instanceof Long || value instanceof BigInteger) {
            out.append(value);
        } else if (value instanceof Double d) {
            out.append(d == Math.rint(d) && Math.abs(d) < 1e15 ? BigDecimal.valueOf(d).setScale(1).toPlainString()
                    : Double.toString(d));
        } else if (value instanceof List<?> list) {
            out.append('[');
            for (int i = 0; i < list.size(); i++) {
                if (i > 0) {
                    out.append(',');
                }
                write(list.get(i), out);
            }
            out.append(']');
        } else if (value instanceof Map<?, ?> map) {
            out.append('{');
            boolean first = true;
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                if (!first) {
                    out.append(',');
                }
                first = false;
                JsonString.appendQuoted(out, (String) entry.getKey());
                out.append(':');
                write(entry.getValue(), out);
            }
            out.append('}');
        } else {
            throw new IllegalArgumentException("not a normalised session value: " + value.getClass().getName());
        }
    }

    /** Parses JSON text into normalised values; throws {@link MalformedJsonException} for anything else. */
    public static Object parse(String text) {
        return parse(text, MAX_LENGTH);
    }

    /**
     * As {@link #parse(String)}, for text up to {@code maxLength} characters (e.g. a response body
     * in a test, which is larger than a cookie).
     */
    public static Object parse(String text, int maxLength) {
        if (text.length() > maxLength) {
            throw new MalformedJsonException("JSON text longer than " + maxLength + " characters");
        }
        Parser parser = new Parser(text);
        parser.skipWhitespace();
        Object value = parser.value(0);
        parser.skipWhitespace();
        if (parser.pos != text.length()) {
            throw parser.error("unexpected text after the value");
        }
        return value;
    }

    private static final class Parser {
        private final String text;
        private int pos;

        Parser(String text) {
            this.text = text;
        }

        MalformedJsonException error(String message) {
            return new MalformedJsonException(message + " at offset " + pos);
        }

        void skipWhitespace() {
            while (pos < text.length()) {
                char c = text.charAt(pos);
                if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
                    return;
                }
                pos++;
            }
        }

        Object value(int depth) {
            if (pos >= text.length()) {
                throw error("unexpected end of JSON");
            }
            char c = text.charAt(pos);
            switch (c) {
                case '{':
                    return object(depth + 1);
                case '[':
                    return array(depth + 1);
                case '"':
                    return string();
                case 't':
                    return literal("true", Boolean.TRUE);
                case 'f':
                    return literal("false", Boolean.FALSE);
                case 'n':
                    return literal("null", null);
                default:
                    if (c == '-' || (c >= '0' && c <= '9')) {
                        return number();
                    }
                    throw error("unexpected character '" + c + "'");
            }
        }

        private Object literal(String word, Object value) {
            if (!text.startsWith(word, pos)) {
                throw error("expected " + word);
            }
            pos += word.length();
            return value;
        }

        private Map<String, Object> object(int depth) {
            if (depth > MAX_DEPTH) {
                throw error("nesting deeper than " + MAX_DEPTH);
            }
            pos++;
            Map<String, Object> map = new LinkedHashMap<>();
            skipWhitespace();
            if (pos < text.length() && text.charAt(pos) == '}') {
                pos++;
                return Collections.unmodifiableMap(map);
            }
            while (true) {
                skipWhitespace();
                if (pos >= text.length() || text.charAt(pos) != '"') {
                    throw error("expected a string key");
                }
                String key = string();
                skipWhitespace();
                expect(':');
                skipWhitespace();
                if (map.containsKey(key)) {
                    // A repeated key is ambiguous (which one wins differs between parsers): reject it.
                    throw error("repeated key '" + key + "'");
                }
                map.put(key, value(depth));
                skipWhitespace();
                if (pos < text.length() && text.charAt(pos) == ',') {
                    pos++;
                    continue;
                }
                expect('}');
                return Collections.unmodifiableMap(map);
            }
        }

        private List<Object> array(int depth) {
            if (depth > MAX_DEPTH) {
                throw error("nesting deeper than " + MAX_DEPTH);
            }
            pos++;
            List<Object> list = new ArrayList<>();
            skipWhitespace();
            if (pos < text.length() && text.charAt(pos) == ']') {
                pos++;
                return Collections.unmodifiableList(list);
            }
            while (true) {
                skipWhitespace();
                list.add(value(depth));
                skipWhitespace();
                if (pos < text.length() && text.charAt(pos) == ',') {
                    pos++;
                    continue;
                }
                expect(']');
                return Collections.unmodifiableList(list);
            }
        }

        private void expect(char c) {
            if (pos >= text.length() || text.charAt(pos) != c) {
                throw error("expected '" + c + "'");
            }
            pos++;
        }

        private String string() {
            pos++;
            StringBuilder sb = new StringBuilder();
            while (true) {
                if (pos >= text.length()) {
                    throw error("unterminated string");
                }
                char c = text.charAt(pos++);
                if (c == '"') {
                    return sb.toString();
                }
                if (c < 0x20) {
                    throw error("control character in a string");
                }
                if (c != '\\') {
                    sb.append(c);
                    continue;
                }
                if (pos >= text.length()) {
                    throw error("unterminated escape");
                }
                char e = text.charAt(pos++);
                switch (e) {
                    case '"' -> sb.append('"');
                    case '\\' -> sb.append('\\');
                    case '/' -> sb.append('/');
                    case 'b' -> sb.append('\b');
                    case 'f' -> sb.append('\f');
                    case 'n' -> sb.append('\n');
                    case 'r' -> sb.append('\r');
                    case 't' -> sb.append('\t');
                    case 'u' -> {
                        if (pos + 4 > text.length()) {
                            throw error("short \\u escape");
                        }
                        int code = 0;
                        for (int i = 0; i < 4; i++) {
                            int digit = Character.digit(text.charAt(pos++), 16);
                            if (digit < 0) {
                                throw error("bad \\u escape");
                            }
                            code = code * 16 + digit;
                        }
                        sb.append((char) code);
                    }
                    default -> throw error("unknown escape '\\" + e + "'");
                }
            }
        }

        private Object number() {
            int start = pos;
            if (text.charAt(pos) == '-') {
                pos++;
            }
            int intStart = pos;
            while (pos < text.length() && text.charAt(pos) >= '0' && text.charAt(pos) <= '9') {
                pos++;
            }
            if (pos == intStart || (text.charAt(intStart) == '0' && pos - intStart > 1)) {
                throw error("malformed number");
            }
            boolean integral = true;
            if (pos < text.length() && text.charAt(pos) == '.') {
                integral = false;
                pos++;
                int fraction = pos;
                while (pos < text.length() && text.charAt(pos) >= '0' && text.charAt(pos) <= '9') {
                    pos++;
                }
                if (pos == fraction) {
                    throw error("malformed number");
                }
            }
            if (pos < text.length() && (text.charAt(pos) == 'e' || text.charAt(pos) == 'E')) {
                integral = false;
                pos++;
                if (pos < text.length() && (text.charAt(pos) == '+' || text.charAt(pos) == '-')) {
                    pos++;
                }
                int exponent = pos;
                while (pos < text.length() && text.charAt(pos) >= '0' && text.charAt(pos) <= '9') {
                    pos++;
                }
                if (pos == exponent) {
                    throw error("malformed number");
                }
            }
            String number = text.substring(start, pos);
            if (number.length() > 400) {
                throw error("number too long");
            }
            if (integral) {
                if (number.length() <= 18) {
                    return Long.parseLong(number);
                }
                BigInteger big = new BigInteger(number);
                return big.bitLength() < 64 ? (Object) big.longValue() : big;
            }
            double d = Double.parseDouble(number);
            if (Double.isInfinite(d)) {
                throw error("number out of range");
            }
            return d;
        }
    }
}
