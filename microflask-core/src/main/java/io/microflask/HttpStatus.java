package io.microflask;

import io.netty.handler.codec.http.HttpResponseStatus;

/** Reason phrases for status codes, e.g. {@code 404 -> "Not Found"}. */
public final class HttpStatus {
    private HttpStatus() {
    }

    public static String reason(int status) {
        return HttpResponseStatus.valueOf(status).reasonPhrase();
    }
}
