package io.microflask;

import io.netty.handler.codec.http.HttpResponseStatus;

/** Reason phrases for status codes, e.g. {@code 404 -> "Not Found"}. */
public final class HttpStatus {
    private HttpStatus() {
    }

    /**
     * The reason phrase of a status, e.g. {@code "Not Found"} for 404; {@code "Unknown"} for a code it
     * does not know.
     */
    public static String reason(int status) {
        return HttpResponseStatus.valueOf(status).reasonPhrase();
    }
}
