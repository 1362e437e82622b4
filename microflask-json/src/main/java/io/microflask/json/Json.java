package io.microflask.json;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import io.microflask.Request;

import java.util.Objects;

/**
 * Entry points for handlers: JSON answers with a status ({@link #created}, {@link #status}) and
 * ad-hoc reading of a request's JSON body ({@link #tree}, {@link #read}), Flask's
 * {@code request.get_json()}.
 */
public final class Json {
    private Json() {
    }

    /** 200 with {@code body} as JSON; add headers with {@link JsonResponse#header}. */
    public static <T> JsonResponse<T> ok(T body) {
        return new JsonResponse<>(200, body);
    }

    /** {@code status} with {@code body} as JSON ({@code null}: no body), e.g. {@code Json.status(202, job)}. */
    public static <T> JsonResponse<T> status(int status, T body) {
        return new JsonResponse<>(status, body);
    }

    /** 201 Created with a {@code Location} header and {@code body} as JSON. */
    public static <T> JsonResponse<T> created(String location, T body) {
        Objects.requireNonNull(location, "location");
        return new JsonResponse<>(201, body).header("Location", location);
    }

    /**
     * The request's JSON body as a tree, for ad-hoc access:
     * {@code Json.tree(request).path("title").asText()}. Answers 415 if the body is not JSON by
     * its Content-Type, 400 if it is missing or malformed.
     */
    public static JsonNode tree(Request request) {
        return (JsonNode) JsonBodyReader.read(JsonExtension.of(request), request, JsonNode.class, true);
    }

    /** The request's JSON body as a {@code type}, with the same answers as a {@link Body @Body} parameter. */
    @SuppressWarnings("unchecked")
    public static <T> T read(Request request, Class<T> type) {
        // An unchecked cast rather than type.cast(), which refuses a boxed value for int.class.
        return (T) JsonBodyReader.read(JsonExtension.of(request), request, type, true);
    }

    /** The request's JSON body as a generic type: {@code Json.read(request, new TypeReference<List<Note>>() {})}. */
    @SuppressWarnings("unchecked")
    public static <T> T read(Request request, TypeReference<T> type) {
        return (T) JsonBodyReader.read(JsonExtension.of(request), request, type.getType(), true);
    }
}
