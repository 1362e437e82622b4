package io.microflask.dispatch;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

/**
 * Converts text (query arguments, headers) into the types handler parameters declare. Chosen
 * once at {@code register}; a value that does not convert throws {@link IllegalArgumentException}
 * with a message fit for a 400.
 */
public final class TextConversion {
    private TextConversion() {
    }

    private static final Map<Class<?>, Function<String, Object>> SIMPLE = Map.ofEntries(
            Map.entry(String.class, s -> s),
            Map.entry(CharSequence.class, s -> s),
            Map.entry(int.class, s -> Integer.parseInt(s.trim())),
            Map.entry(Integer.class, s -> Integer.parseInt(s.trim())),
            Map.entry(long.class, s -> Long.parseLong(s.trim())),
            Map.entry(Long.class, s -> Long.parseLong(s.trim())),
            Map.entry(short.class, s -> Short.parseShort(s.trim())),
            Map.entry(Short.class, s -> Short.parseShort(s.trim())),
            Map.entry(byte.class, s -> Byte.parseByte(s.trim())),
            Map.entry(Byte.class, s -> Byte.parseByte(s.trim())),
            Map.entry(double.class, s -> finite(Double.parseDouble(s.trim()))),
            Map.entry(Double.class, s -> finite(Double.parseDouble(s.trim()))),
            Map.entry(float.class, s -> (float) finite(Float.parseFloat(s.trim()))),
            Map.entry(Float.class, s -> (float) finite(Float.parseFloat(s.trim()))),
            Map.entry(boolean.class, TextConversion::parseBoolean),
            Map.entry(Boolean.class, TextConversion::parseBoolean),
            Map.entry(char.class, TextConversion::parseChar),
            Map.entry(Character.class, TextConversion::parseChar),
            Map.entry(BigDecimal.class, s -> new BigDecimal(s.trim())),
            Map.entry(BigInteger.class, s -> new BigInteger(s.trim())),
            Map.entry(UUID.class, s -> UUID.fromString(s.trim())),
            Map.entry(LocalDate.class, s -> LocalDate.parse(s.trim())),
            Map.entry(LocalDateTime.class, s -> LocalDateTime.parse(s.trim())));

    /** A converter for a simple type, or {@code null} when the type is not supported. */
    public static Function<String, Object> forType(Class<?> type) {
        Function<String, Object> simple = SIMPLE.get(type);
        if (simple != null) {
            return simple;
        }
        if (type.isEnum()) {
            return s -> enumValue(type, s);
        }
        return null;
    }

    /** The element type of {@code Optional<T>} or {@code List<T>}, or {@code null}. */
    public static Class<?> typeArgument(Type genericType) {
        if (genericType instanceof ParameterizedType parameterized) {
            Type arg = parameterized.getActualTypeArguments()[0];
            if (arg instanceof Class<?> c) {
                return c;
            }
            if (arg instanceof ParameterizedType p && p.getRawType() instanceof Class<?> c) {
                return c;
            }
        }
        return null;
    }

    /** A short description of what a type accepts, for 400 messages. */
    public static String describe(Class<?> type) {
        if (type == int.class || type == Integer.class || type == long.class || type == Long.class
                || type == short.class || type == Short.class || type == byte.class || type == Byte.class
                || type == BigInteger.class) {
            return "an integer";
        }
        if (type == double.class || type == Double.class || type == float.class || type == Float.class
                || type == BigDecimal.class) {
            return "a number";
        }
        if (type == boolean.class || type == Boolean.class) {
            return "true or false";
        }
        if (type == UUID.class) {
            return "a UUID";
        }
        if (type == LocalDate.class) {
            return "a date (YYYY-MM-DD)";
        }
        if (type == LocalDateTime.class) {
            return "a date-time (YYYY-MM-DDTHH:MM:SS)";
        }
        if (type.isEnum()) {
            StringBuilder sb = new StringBuilder("one of ");
            Object[] constants = type.getEnumConstants();
            for (int i = 0; i < constants.length; i++) {
                sb.append(i == 0 ? "" : ", ").append(((Enum<?>) constants[i]).name().toLowerCase(Locale.ROOT));
            }
            return sb.toString();
        }
        return "a " + type.getSimpleName();
    }

    private static Object parseBoolean(String s) {
        switch (s.trim().toLowerCase(Locale.ROOT)) {
            case "true", "1", "yes", "on":
                return Boolean.TRUE;
            case "false", "0", "no", "off":
                return Boolean.FALSE;
            default:
                throw new IllegalArgumentException("not a boolean: " + s);
        }
    }

    private static Object parseChar(String s) {
        if (s.length() != 1) {
            throw new IllegalArgumentException("not a single character: " + s);
        }
        return s.charAt(0);
    }

    private static double finite(double d) {
        if (Double.isNaN(d) || Double.isInfinite(d)) {
            throw new IllegalArgumentException("not a finite number");
        }
        return d;
    }

    private static Object enumValue(Class<?> type, String s) {
        String wanted = s.trim();
        for (Object constant : type.getEnumConstants()) {
            if (((Enum<?>) constant).name().equalsIgnoreCase(wanted)) {
                return constant;
            }
        }
        throw new IllegalArgumentException("not one of " + type.getSimpleName() + "'s values: " + s);
    }
}
