package io.microflask.json;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.microflask.CsrfException;
import io.microflask.HttpException;
import io.microflask.HttpStatus;
import io.microflask.Request;
import io.microflask.Response;
import io.microflask.RouteInfo;
import io.microflask.spi.ErrorContext;
import io.microflask.spi.ErrorRenderer;

import java.lang.reflect.Parameter;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * Renders the framework's errors (400, 404, 405, 413, 415, 500, ...) as
 * {@code {"status":404,"error":"Not Found","message":"..."}} for clients that want JSON; leaves
 * the rest to the HTML pages. A client wants JSON when its Accept header prefers JSON to HTML,
 * when the route it called produces or consumes JSON, or when it sent JSON and did not ask for
 * HTML.
 */
final class JsonErrorRenderer implements ErrorRenderer {
    private static final int MAX_FRAMES = 64;
    private static final int MAX_CAUSES = 8;

    private final JsonExtension json;

    JsonErrorRenderer(JsonExtension json) {
        this.json = json;
    }

    @Override
    public Response render(ErrorContext error) {
        Request request = error.request();
        if (request == null || !wantsJson(request, error.route())) {
            return null;
        }
        ObjectNode body = json.mapper().createObjectNode();
        body.put("status", error.status());
        body.put("error", HttpStatus.reason(error.status()));
        body.put("message", error.message());
        if (error.exception() instanceof CsrfException refused) {
            // A script can tell a stale token (reload it) from a refusal it cannot fix.
            body.put("csrf", refused.reason().name().toLowerCase(java.util.Locale.ROOT));
        }
        if (error.exception() instanceof JsonBodyException problem) {
            for (Map.Entry<String, Object> detail : problem.details().entrySet()) {
                body.set(detail.getKey(), json.mapper().valueToTree(detail.getValue()));
            }
        }
        if (error.showDetails() && error.status() >= 500 && error.exception() != null
                && !(error.exception() instanceof HttpException)) {
            body.set("exception", describe(error.exception(), new IdentityHashMap<>(), 0));
        }
        try {
            return new Response(error.status()).contentType(JsonExtension.APPLICATION_JSON)
                    .body(json.mapper().writeValueAsBytes(body));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            // A tree of strings and numbers always serialises; should a custom mapper refuse, the
            // dispatcher falls back to the plain page.
            throw new IllegalStateException("could not write the JSON error body: " + e.getOriginalMessage(), e);
        }
    }

    private boolean wantsJson(Request request, RouteInfo route) {
        MediaTypes.Preference preference = MediaTypes.preference(request.header("Accept"));
        if (preference == MediaTypes.Preference.JSON) {
            return true;
        }
        if (route != null && (json.producesJson(route.handler()) || hasBodyParameter(route))) {
            return true;
        }
        return preference == MediaTypes.Preference.NONE && MediaTypes.isJson(request.contentType());
    }

    private static boolean hasBodyParameter(RouteInfo route) {
        for (Parameter parameter : route.handler().getParameters()) {
            if (parameter.isAnnotationPresent(Body.class)) {
                return true;
            }
        }
        return false;
    }

    /** The exception, its frames and its causes, for a developer on this machine (debug mode only). */
    private ObjectNode describe(Throwable exception, Map<Throwable, Boolean> seen, int depth) {
        seen.put(exception, Boolean.TRUE);
        ObjectNode node = json.mapper().createObjectNode();
        node.put("type", exception.getClass().getName());
        node.put("message", exception.getMessage());
        ArrayNode frames = node.putArray("frames");
        StackTraceElement[] trace = exception.getStackTrace();
        for (int i = 0; i < trace.length && i < MAX_FRAMES; i++) {
            StackTraceElement element = trace[i];
            ObjectNode frame = frames.addObject();
            frame.put("class", element.getClassName());
            frame.put("method", element.getMethodName());
            frame.put("file", element.getFileName());
            frame.put("line", element.getLineNumber());
        }
        if (trace.length > MAX_FRAMES) {
            node.put("framesOmitted", trace.length - MAX_FRAMES);
        }
        Throwable cause = exception.getCause();
        if (cause != null && depth < MAX_CAUSES && !seen.containsKey(cause)) {
            node.set("cause", describe(cause, seen, depth + 1));
        }
        return node;
    }
}
