package io.microflask.json;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.exc.InvalidDefinitionException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import io.microflask.Request;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.lang.reflect.Type;
import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a request's JSON body into a Java type and turns every way that can fail into an answer
 * the client can act on: 415 for a body that is not JSON, 400 naming the line and column of
 * malformed JSON, or the field whose value has the wrong type.
 */
final class JsonBodyReader {
    private static final int MAX_SHOWN_VALUE = 64;
    private static final Pattern COERCED =
            Pattern.compile("Cannot coerce (String|Integer|Floating-point|Boolean) value \\((.*?)\\) to");
    private static final Pattern TOKEN = Pattern.compile("\\(token `JsonToken\\.([A-Z_]+)`\\)");
    /** Jackson's "[Source: REDACTED (...); line: 1, column: 23]": the source part says nothing to a client. */
    private static final Pattern SOURCE = Pattern.compile("\\[Source: [^\\]]*?; line");
    /** Jackson's message for a key given twice in one object. */
    private static final Pattern DUPLICATE = Pattern.compile("Duplicate field '(.*)'", Pattern.DOTALL);

    private JsonBodyReader() {
    }

    /**
     * The body as {@code type}; {@code null} for an absent body (or JSON {@code null}) when not
     * {@code required}.
     *
     * @throws JsonBodyException     400 or 415 for a body the client must fix
     * @throws IllegalStateException when the type cannot be read from JSON at all (a developer
     *                               error: 500 with the cause in the log)
     */
    static Object read(JsonExtension json, Request request, Type type, boolean required) {
        return read(json.reader(type), request, type, required);
    }

    /** As {@link #read(JsonExtension, Request, Type, boolean)}, with the reader for {@code type} at hand. */
    static Object read(ObjectReader reader, Request request, Type type, boolean required) {
        if (isBlank(request)) {
            if (required) {
                throw new JsonBodyException(400, "The request has no body; this endpoint expects JSON ("
                        + Expectations.describe(type) + ") sent with Content-Type: application/json.")
                        .detail("expected", Expectations.describe(type));
            }
            return null;
        }
        String contentType = request.contentType();
        if (!MediaTypes.isJson(contentType)) {
            throw new JsonBodyException(415, "The request body must be JSON: send it with Content-Type: "
                    + "application/json" + (contentType == null ? " (no Content-Type was sent)."
                    : " (got " + abbreviate(contentType) + ")."))
                    .detail("expected", "application/json");
        }
        Object value;
        try {
            value = parse(reader, request);
        } catch (InvalidDefinitionException e) {
            throw new IllegalStateException(describeRoute(request) + " cannot read its JSON body as "
                    + type.getTypeName() + ": " + e.getOriginalMessage() + ". Give the type a public constructor "
                    + "Jackson can use (a record works as is; a class needs a no-argument constructor and setters, "
                    + "or @JsonCreator), or read the body with Json.tree(request).", e);
        } catch (InputCoercionException e) {
            throw outOfRange(e, "");
        } catch (StreamReadException e) {
            throw malformed(e);
        } catch (JsonMappingException e) {
            throw mismatch(e, type);
        } catch (JsonProcessingException e) {
            // e.g. a limit of Jackson's StreamReadConstraints: nesting depth, number or string length.
            throw new JsonBodyException(400, "The JSON body cannot be read: " + clean(e.getOriginalMessage()), e);
        } catch (IOException e) {
            throw new JsonBodyException(400, "The JSON body cannot be read: " + e.getMessage(), e);
        }
        if (value == null || (value instanceof JsonNode node && node.isNull())) {
            if (required) {
                throw new JsonBodyException(400, "The JSON body is null; this endpoint expects "
                        + Expectations.describe(type) + ".")
                        .detail("expected", Expectations.describe(type));
            }
            return null;
        }
        return value;
    }

    private static Object parse(ObjectReader reader, Request request) throws IOException {
        Charset charset = request.charset();
        if (!charset.name().toUpperCase(Locale.ROOT).startsWith("UTF-")) {
            // JSON is UTF-8 by RFC 8259, but a client that names another charset means it.
            return reader.readValue(new InputStreamReader(request.bodyStream(), charset));
        }
        // A stream over the received buffer: no copy of the body, whatever its size.
        return reader.readValue(request.bodyStream());
    }

    private static JsonBodyException malformed(StreamReadException e) {
        Matcher duplicate = DUPLICATE.matcher(String.valueOf(e.getOriginalMessage()));
        if (duplicate.matches()) {
            return duplicateKey(e, duplicate.group(1));
        }
        JsonLocation location = e.getLocation();
        StringBuilder message = new StringBuilder("Malformed JSON");
        if (location != null && location.getLineNr() > 0) {
            message.append(" at line ").append(location.getLineNr()).append(", column ")
                    .append(location.getColumnNr());
        }
        message.append(": ").append(clean(e.getOriginalMessage()));
        JsonBodyException failure = new JsonBodyException(400, message.toString(), e);
        if (location != null && location.getLineNr() > 0) {
            failure.detail("line", location.getLineNr()).detail("column", location.getColumnNr());
        }
        return failure;
    }

    /**
     * A key given twice in one object (STRICT_DUPLICATE_DETECTION): a 400 naming the key, and the
     * path to its object when it is not the body itself.
     */
    private static JsonBodyException duplicateKey(StreamReadException e, String key) {
        JsonParser parser = e.getProcessor();
        String container = parser == null ? "" : containerPath(parser.getParsingContext());
        JsonLocation location = e.getLocation();
        boolean located = location != null && location.getLineNr() > 0;
        JsonBodyException failure = new JsonBodyException(400, "The JSON body has the key '" + abbreviate(key)
                + "' twice" + (container.isEmpty() ? "" : " in " + container)
                + (located ? " (at line " + location.getLineNr() + ", column " + location.getColumnNr() + ")" : "")
                + "; send each key once.", e)
                .detail("key", key)
                .detail("field", container.isEmpty() ? null : container);
        if (located) {
            failure.detail("line", location.getLineNr()).detail("column", location.getColumnNr());
        }
        return failure;
    }

    /** {@code items[0]}: the path from the body's root to the object that {@code context} reads. */
    private static String containerPath(JsonStreamContext context) {
        if (context == null) {
            return "";
        }
        List<JsonMappingException.Reference> path = new ArrayList<>();
        for (JsonStreamContext level = context.getParent(); level != null && !level.inRoot(); level = level.getParent()) {
            path.add(0, level.inArray() ? new JsonMappingException.Reference(null, level.getCurrentIndex())
                    : new JsonMappingException.Reference(null, level.getCurrentName()));
        }
        return fieldPath(path);
    }

    /** A number too large for its field, e.g. 2^40 for an {@code int}: well-formed JSON, a wrong value. */
    private static JsonBodyException outOfRange(InputCoercionException e, String field) {
        String where = field.isEmpty() ? "The JSON body" : "Field '" + field + "'";
        JsonBodyException failure = new JsonBodyException(400, where + " is out of range: "
                + clean(e.getOriginalMessage()) + ".", e)
                .detail("field", field.isEmpty() ? null : field);
        JsonLocation location = e.getLocation();
        if (location != null && location.getLineNr() > 0) {
            failure.detail("line", location.getLineNr()).detail("column", location.getColumnNr());
        }
        return failure;
    }

    private static JsonBodyException mismatch(JsonMappingException e, Type rootType) {
        if (e.getCause() instanceof InputCoercionException outOfRange) {
            String field = fieldPath(e.getPath());
            return outOfRange(outOfRange, field);
        }
        if (e.getCause() instanceof StreamReadException malformed) {
            // Databind wraps what the parser found while it was inside a field (e.g. the end of
            // input inside an array): still malformed JSON, with the field as a bonus.
            String field = fieldPath(e.getPath());
            return malformed(malformed).detail("field", field.isEmpty() ? null : field);
        }
        String field = fieldPath(e.getPath());
        String where = field.isEmpty() ? "The JSON body" : "Field '" + field + "'";
        JsonBodyException failure;
        if (e instanceof UnrecognizedPropertyException unknown) {
            TreeSet<String> known = new TreeSet<>();
            if (unknown.getKnownPropertyIds() != null) {
                unknown.getKnownPropertyIds().forEach(id -> known.add(String.valueOf(id)));
            }
            failure = new JsonBodyException(400, "Unknown field '" + field + "'"
                    + (known.isEmpty() ? "" : "; the known fields are " + String.join(", ", known))
                    + ". Check its spelling, or leave it out.", e)
                    .detail("known", List.copyOf(known));
        } else if (String.valueOf(e.getOriginalMessage()).startsWith("Trailing token")) {
            // FAIL_ON_TRAILING_TOKENS: e.g. two documents, or a stray bracket after the value.
            failure = new JsonBodyException(400, "Malformed JSON: the body goes on after its JSON value; send one "
                    + "JSON value (wrap several in an array).", e);
        } else if (e instanceof MismatchedInputException mismatched) {
            Class<?> target = mismatched.getTargetType();
            String expected = target != null ? Expectations.describe(target) : Expectations.describe(rootType);
            String got = got(mismatched);
            failure = new JsonBodyException(400, where + " must be " + expected
                    + (got == null ? "" : ", got " + got) + ".", e)
                    .detail("expected", expected);
        } else if (e instanceof ValueInstantiationException invalid && isValidationFailure(invalid.getCause())) {
            // A record's compact constructor (or a @JsonCreator) rejected the values: its message
            // was written for the caller.
            failure = new JsonBodyException(400, (field.isEmpty() ? "The JSON body" : "Field '" + field + "'")
                    + " is invalid: " + invalid.getCause().getMessage(), e);
        } else {
            failure = new JsonBodyException(400, where + " cannot be read: " + clean(e.getOriginalMessage()), e);
        }
        failure.detail("field", field.isEmpty() ? null : field);
        JsonLocation location = e.getLocation();
        if (location != null && location.getLineNr() > 0) {
            failure.detail("line", location.getLineNr()).detail("column", location.getColumnNr());
        }
        return failure;
    }

    private static boolean isValidationFailure(Throwable cause) {
        return (cause instanceof IllegalArgumentException || cause instanceof NullPointerException
                || cause instanceof IllegalStateException) && cause.getMessage() != null;
    }

    /** {@code items[2].count}: the path from the body's root to the value at fault. */
    static String fieldPath(List<JsonMappingException.Reference> path) {
        StringBuilder text = new StringBuilder();
        for (JsonMappingException.Reference reference : path) {
            if (reference.getFieldName() != null) {
                if (text.length() > 0) {
                    text.append('.');
                }
                text.append(reference.getFieldName());
            } else if (reference.getIndex() >= 0) {
                text.append('[').append(reference.getIndex()).append(']');
            }
        }
        return text.toString();
    }

    /** What the client sent instead, e.g. {@code the string "abc"} or {@code an array}. */
    private static String got(MismatchedInputException e) {
        if (e instanceof InvalidFormatException invalid && invalid.getValue() != null) {
            Object value = invalid.getValue();
            if (value instanceof String text) {
                return "the string \"" + abbreviate(text) + "\"";
            }
            if (value instanceof Number || value instanceof Boolean) {
                return (value instanceof Number ? "the number " : "the boolean ") + value;
            }
            return abbreviate(String.valueOf(value));
        }
        // Strict types: "Cannot coerce String value ("2") to `int` value (but might if coercion ...)".
        Matcher coerced = COERCED.matcher(String.valueOf(e.getOriginalMessage()));
        if (coerced.find()) {
            String value = abbreviate(coerced.group(2));
            return switch (coerced.group(1)) {
                case "String" -> "the string " + value;
                case "Integer" -> "the number " + value;
                case "Floating-point" -> "the number " + value;
                case "Boolean" -> "the boolean " + value;
                default -> value;
            };
        }
        // Jackson closes the parser before the exception reaches us, so the offending token is
        // only in its message: "... from Array value (token `JsonToken.START_ARRAY`)".
        Matcher token = TOKEN.matcher(String.valueOf(e.getOriginalMessage()));
        if (token.find()) {
            return switch (token.group(1)) {
                case "START_OBJECT", "END_OBJECT", "FIELD_NAME" -> "an object";
                case "START_ARRAY", "END_ARRAY" -> "an array";
                case "VALUE_STRING" -> "a string";
                case "VALUE_NUMBER_INT" -> "an integer";
                case "VALUE_NUMBER_FLOAT" -> "a number with a fraction";
                case "VALUE_TRUE", "VALUE_FALSE" -> "a boolean";
                case "VALUE_NULL" -> "null";
                default -> null;
            };
        }
        return null;
    }

    private static String clean(String jacksonMessage) {
        return jacksonMessage == null ? "" : SOURCE.matcher(jacksonMessage).replaceAll("[line");
    }

    /** Whether the body is empty or only JSON whitespace. */
    private static boolean isBlank(Request request) {
        if (request.bodyLength() == 0) {
            return true;
        }
        try (InputStream body = request.bodyStream()) {
            int b;
            while ((b = body.read()) >= 0) {
                if (b != ' ' && b != '\t' && b != '\r' && b != '\n') {
                    return false;
                }
            }
            return true;
        } catch (IOException e) {
            return false; // a stream over memory does not fail; let the parser report it if it does
        }
    }

    private static String abbreviate(String text) {
        return text.length() > MAX_SHOWN_VALUE ? text.substring(0, MAX_SHOWN_VALUE) + "..." : text;
    }

    private static String describeRoute(Request request) {
        return request.route() == null ? "the handler" : request.route().handlerName();
    }
}
