package io.microflask;

import io.microflask.util.JsonValues;
import io.netty.handler.codec.http.HttpHeaders;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * What the {@link TestClient} received.
 *
 * @param status  the status code
 * @param headers the headers (case-insensitive)
 * @param body    the body's bytes
 * @param url     the URI this answer came from (after redirects, the last one)
 * @param history the redirects followed to get here, oldest first; empty when none were
 */
public record TestResponse(int status, HttpHeaders headers, byte[] body, String url, List<TestResponse> history) {
    /** The longest JSON body {@link #json()} reads. */
    private static final int MAX_JSON_LENGTH = 16 << 20;

    /** An answer that came straight, without redirects, from an unknown URI. */
    public TestResponse(int status, HttpHeaders headers, byte[] body) {
        this(status, headers, body, "", List.of());
    }

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

    /**
     * The body parsed as JSON, as a tree of plain values (Flask's {@code response.json}):
     * {@code Map<String, Object>} for objects (in the order sent), {@code List<Object>} for arrays,
     * {@code String}, {@code Long} (or {@code BigInteger}) for whole numbers, {@code Double} for
     * others, {@code Boolean} and {@code null}.
     *
     * @throws IllegalStateException when the body is not JSON, with the status and the start of the body
     */
    public Object json() {
        try {
            return JsonValues.parse(text(), MAX_JSON_LENGTH);
        } catch (JsonValues.MalformedJsonException e) {
            String shown = text().length() > 200 ? text().substring(0, 200) + "..." : text();
            throw new IllegalStateException("the answer (" + this + ") is not JSON: " + e.getMessage() + "; body: "
                    + shown, e);
        }
    }

    /**
     * One value of the JSON body, by a path of object keys and array indexes separated by dots:
     * {@code json("items.0.title")}; {@code ""} is the whole body. {@code null} for a JSON null.
     *
     * @throws IllegalArgumentException naming the step of the path that is not in the body
     */
    public Object json(String path) {
        Object current = json();
        if (path.isEmpty()) {
            return current;
        }
        String walked = "";
        for (String step : path.split("\\.", -1)) {
            walked = walked.isEmpty() ? step : walked + "." + step;
            if (current instanceof Map<?, ?> object && object.containsKey(step)) {
                current = object.get(step);
            } else if (current instanceof List<?> array && step.matches("\\d{1,9}")
                    && Integer.parseInt(step) < array.size()) {
                current = array.get(Integer.parseInt(step));
            } else {
                throw new IllegalArgumentException("the JSON body has nothing at '" + walked + "' (looking for '"
                        + path + "'); it is " + JsonValues.encode(json()));
            }
        }
        return current;
    }

    @Override
    public String toString() {
        return status + " " + HttpStatus.reason(status) + " " + headers.get("Content-Type") + " (" + body.length
                + " bytes)";
    }
}
