package io.microflask;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Ends a request with an HTTP status, as Flask's {@code abort(404)}: throw it from a handler, or
 * call {@link #abort(int)}.
 */
public class HttpException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int status;
    private final Map<String, String> headers = new LinkedHashMap<>();

    public HttpException(int status) {
        this(status, null, null);
    }

    public HttpException(int status, String message) {
        this(status, message, null);
    }

    public HttpException(int status, String message, Throwable cause) {
        super(message == null ? HttpStatus.reason(status) : message, cause, false, false);
        if (status < 100 || status > 599) {
            throw new IllegalArgumentException("HTTP status must be within 100-599, got " + status);
        }
        this.status = status;
    }

    /** Throws an {@code HttpException} with the given status; declared to return one for {@code throw abort(..)}. */
    public static HttpException abort(int status) {
        throw new HttpException(status);
    }

    /** Throws an {@code HttpException} with the given status and a message shown to the client. */
    public static HttpException abort(int status, String message) {
        throw new HttpException(status, message);
    }

    public int status() {
        return status;
    }

    /** Adds a header to the error answer, e.g. {@code Allow} for 405 or {@code Retry-After} for 503. */
    public HttpException withHeader(String name, String value) {
        headers.put(name, value);
        return this;
    }

    public Map<String, String> headers() {
        return headers;
    }
}
