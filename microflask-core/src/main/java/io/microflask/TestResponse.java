package io.microflask;

import io.netty.handler.codec.http.HttpHeaders;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * What the {@link TestClient} received.
 *
 * @param status  the status code
 * @param headers the headers (case-insensitive)
 * @param body    the body's bytes
 */
public record TestResponse(int status, HttpHeaders headers, byte[] body) {

    /** The first value of a header, or {@code null}. */
    public String header(String name) {
        return headers.get(name);
    }

    /** Every value of a header. */
    public List<String> headerAll(String name) {
        return headers.getAll(name);
    }

    /** The body decoded as UTF-8. */
    public String text() {
        return new String(body, StandardCharsets.UTF_8);
    }

    /** The {@code Content-Type} header, or {@code null}. */
    public String contentType() {
        return headers.get("Content-Type");
    }

    @Override
    public String toString() {
        return status + " " + HttpStatus.reason(status) + " " + headers.get("Content-Type") + " (" + body.length
                + " bytes)";
    }
}
