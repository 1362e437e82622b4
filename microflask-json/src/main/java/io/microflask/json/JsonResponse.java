package io.microflask.json;

import io.microflask.Cookie;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A JSON answer with a status and headers, for when 200 is not the answer: made by
 * {@link Json#created}, {@link Json#status} or {@link Json#ok}.
 *
 * <pre>{@code
 * return Json.created("/notes/" + note.id(), note);            // 201, Location, the note as JSON
 * return Json.status(202, job).header("Retry-After", 5);
 * }</pre>
 *
 * @param <T> the body's type
 */
public final class JsonResponse<T> {
    private final int status;
    private final T body;
    private final Map<String, Object> headers = new LinkedHashMap<>();
    private final List<Cookie> cookies = new ArrayList<>(0);

    JsonResponse(int status, T body) {
        if (status < 100 || status > 599) {
            throw new IllegalArgumentException("HTTP status must be within 100-599, got " + status);
        }
        this.status = status;
        this.body = body;
    }

    /** Sets a header, replacing an earlier value of it. */
    public JsonResponse<T> header(String name, Object value) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, "value");
        headers.put(name, value);
        return this;
    }

    /** Sets a cookie. */
    public JsonResponse<T> cookie(Cookie cookie) {
        cookies.add(Objects.requireNonNull(cookie, "cookie"));
        return this;
    }

    /** The status code. */
    public int status() {
        return status;
    }

    /** The value written as JSON; {@code null} sends no body. */
    public T body() {
        return body;
    }

    /** The headers set so far. */
    public Map<String, Object> headers() {
        return Collections.unmodifiableMap(headers);
    }

    /** The cookies set so far. */
    public List<Cookie> cookies() {
        return Collections.unmodifiableList(cookies);
    }

    @Override
    public String toString() {
        return "JsonResponse[" + status + ", " + (body == null ? "no body" : body.getClass().getSimpleName()) + "]";
    }
}
