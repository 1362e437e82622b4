package io.microflask.json;

import io.microflask.HttpException;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A request body that cannot be read as the JSON the handler expects: 400 (malformed, missing,
 * wrong type) or 415 (not JSON). Its {@link #details()} (e.g. {@code line}, {@code column},
 * {@code field}) are added to the JSON error body so that a client can point at what to fix.
 */
public class JsonBodyException extends HttpException {
    private static final long serialVersionUID = 1L;

    /** What the JSON error body adds (such as {@code line}, {@code column}, {@code field}). */
    private final Map<String, Object> details = new LinkedHashMap<>();

    /** A body the client must fix: 400 or 415, with a message that says what was wrong. */
    public JsonBodyException(int status, String message) {
        super(status, message);
    }

    /** As {@link #JsonBodyException(int, String)}, with Jackson's exception as the cause. */
    public JsonBodyException(int status, String message, Throwable cause) {
        super(status, message, cause);
    }

    /** Adds a detail for the error body, e.g. {@code detail("field", "items[2].count")}. */
    public JsonBodyException detail(String name, Object value) {
        if (value != null) {
            details.put(name, value);
        }
        return this;
    }

    /** Where the problem is, for the client: {@code line}, {@code column}, {@code field}, ... */
    public Map<String, Object> details() {
        return Collections.unmodifiableMap(details);
    }
}
