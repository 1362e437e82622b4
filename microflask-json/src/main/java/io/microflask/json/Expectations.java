package io.microflask.json;

import com.fasterxml.jackson.databind.JsonNode;

import java.lang.reflect.GenericArrayType;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Names a Java type as the JSON a client must send, e.g. {@code int} as "an integer" and
 * {@code LocalDate} as "an ISO-8601 date such as 2024-01-31": error messages speak JSON, not Java.
 */
final class Expectations {
    private static final int MAX_ENUM_CONSTANTS = 20;

    private Expectations() {
    }

    static String describe(Type type) {
        if (type instanceof Class<?> c) {
            return describe(c);
        }
        if (type instanceof ParameterizedType parameterized) {
            Type raw = parameterized.getRawType();
            if (raw == Optional.class) {
                return describe(parameterized.getActualTypeArguments()[0]);
            }
            return describe(raw);
        }
        if (type instanceof GenericArrayType) {
            return "an array";
        }
        return "a JSON value";
    }

    static String describe(Class<?> type) {
        if (type == boolean.class || type == Boolean.class) {
            return "true or false";
        }
        if (type == int.class || type == long.class || type == short.class || type == byte.class
                || type == Integer.class || type == Long.class || type == Short.class || type == Byte.class
                || type == BigInteger.class) {
            return "an integer";
        }
        if (type == double.class || type == float.class || type == Double.class || type == Float.class
                || type == BigDecimal.class || type == Number.class) {
            return "a number";
        }
        if (type == String.class || type == CharSequence.class || type == char.class || type == Character.class) {
            return "a string";
        }
        if (type == byte[].class) {
            return "a base64-encoded string";
        }
        if (type.isEnum()) {
            List<String> names = new ArrayList<>();
            for (Object constant : type.getEnumConstants()) {
                if (names.size() == MAX_ENUM_CONSTANTS) {
                    names.add("...");
                    break;
                }
                names.add(((Enum<?>) constant).name());
            }
            return "one of " + String.join(", ", names);
        }
        if (type == LocalDate.class) {
            return "an ISO-8601 date such as \"2024-01-31\"";
        }
        if (type == LocalDateTime.class) {
            return "an ISO-8601 date-time such as \"2024-01-31T13:45:00\"";
        }
        if (type == Instant.class || type == OffsetDateTime.class || type == ZonedDateTime.class) {
            return "an ISO-8601 timestamp such as \"2024-01-31T13:45:00Z\"";
        }
        if (type == LocalTime.class) {
            return "an ISO-8601 time such as \"13:45:00\"";
        }
        if (type == Duration.class) {
            return "an ISO-8601 duration such as \"PT15M\"";
        }
        if (type == UUID.class) {
            return "a UUID string";
        }
        if (type.isArray() || Collection.class.isAssignableFrom(type)) {
            return "an array";
        }
        if (type == Object.class || JsonNode.class.isAssignableFrom(type)) {
            return "a JSON value";
        }
        if (Map.class.isAssignableFrom(type) || !type.isPrimitive()) {
            return "an object";
        }
        return "a JSON value";
    }
}
