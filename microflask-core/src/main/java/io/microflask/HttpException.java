package io.microflask;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Ends a request with an HTTP status, as Flask's {@code abort(404)}: throw it from a handler, or
 * call {@link #abort(int)}.
 */
public class HttpException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** The HTTP status to answer with. */
    private final int status;
    /** Headers to add to the error response. */
    private final Map<String, String> headers = new LinkedHashMap<>();

    /** An HTTP error with the status's reason as its message. */
    public HttpException(int status) {
        this(status, null, null);
    }

    /** An HTTP error with a message safe to show the client. */
    public HttpException(int status, String message) {
        this(status, message, null);
    }

    /** As {@link #HttpException(int, String)}, with the cause for the log. */
    public HttpException(int status, String message, Throwable cause) {
        super(message == null ? HttpStatus.reason(status) : message, cause, false, false);
        if (status < 100 || status > 599) {
            throw new IllegalArgumentException("HTTP status must be within 100-599, got " + status);
        }
        this.status = status;
    }

    /**
     * Throws an {@code HttpException} with the given status; declared to return one for {@code throw
     * abort(..)}.
     */
    public static HttpException abort(int status) {
        throw new HttpException(status);
    }

    /** Throws an {@code HttpException} with the given status and a message shown to the client. */
    public static HttpException abort(int status, String message) {
        throw new HttpException(status, message);
    }

    /** The status to answer with (400-599). */
    public int status() {
        return status;
    }

    /** Adds a header to the error answer, e.g. {@code Allow} for 405 or {@code Retry-After} for 503. */
    public HttpException withHeader(String name, String value) {
        headers.put(name, value);
        return this;
    }

    /** The headers the error answer carries, e.g. {@code Allow} for a 405. */
    public Map<String, String> headers() {
        return headers;
    }
}
