package io.microflask.security;

import io.microflask.Cors;
import io.microflask.Request;
import io.microflask.Response;

import java.util.Locale;
import java.util.Set;

/**
 * Applies a {@link Cors} policy (the one {@code settings().cors(...)} set for the request's path,
 * chosen by dispatch): answers preflights and adds the {@code Access-Control-*} headers and
 * {@code Vary: Origin} to answers.
 */
public final class CorsPolicy {
    /** Methods a page may use cross-origin without their being listed (the CORS-safelisted methods). */
    private static final Set<String> SAFELISTED_METHODS = Set.of("GET", "HEAD", "POST");
    /** Request headers that never need listing (the CORS-safelisted request headers). */
    private static final Set<String> SAFELISTED_HEADERS = Set.of("accept", "accept-language", "content-language",
            "content-type", "range");

    private CorsPolicy() {
    }

    /** Whether {@code request} is a CORS preflight: {@code OPTIONS} with {@code Origin} and {@code Access-Control-Request-Method}. */
    public static boolean isPreflight(Request request) {
        return request.method().equals("OPTIONS") && request.header("Origin") != null
                && request.header("Access-Control-Request-Method") != null;
    }

    /**
     * The answer to a preflight under {@code policy}: 204 with the {@code Access-Control-Allow-*}
     * headers when the origin, the method and every requested header are allowed, else 403 saying
     * which is not (browsers then refuse the request itself).
     */
    public static Response preflight(Request request, Cors policy, String scope) {
        String origin = request.header("Origin");
        String method = request.header("Access-Control-Request-Method").trim().toUpperCase(Locale.ROOT);
        Response refused = refusal(request, policy, scope, origin, method);
        if (refused != null) {
            return refused.vary("Origin");
        }
        Response answer = new Response(204);
        allowOrigin(answer, policy, origin);
        answer.header("Access-Control-Allow-Methods", String.join(", ", policy.allowedMethods()));
        if (!policy.allowedHeaders().isEmpty()) {
            answer.header("Access-Control-Allow-Headers", String.join(", ", policy.allowedHeaders()));
        }
        answer.header("Access-Control-Max-Age", policy.maxAge().toSeconds());
        return answer.vary("Origin").vary("Access-Control-Request-Method").vary("Access-Control-Request-Headers");
    }

    private static Response refusal(Request request, Cors policy, String scope, String origin, String method) {
        String problem = null;
        if (!policy.allowsOrigin(origin)) {
            problem = "the origin " + origin + " is not allowed";
        } else if (!SAFELISTED_METHODS.contains(method) && !policy.allowedMethods().contains(method)) {
            problem = "the method " + method + " is not allowed (allowMethods(...): " + policy.allowedMethods() + ")";
        } else {
            String requested = request.header("Access-Control-Request-Headers");
            if (requested != null) {
                for (String header : requested.split(",")) {
                    String name = header.trim().toLowerCase(Locale.ROOT);
                    if (!name.isEmpty() && !SAFELISTED_HEADERS.contains(name) && !policy.allowedHeaders().contains(name)) {
                        problem = "the request header " + name + " is not allowed (allowHeaders(...): "
                                + policy.allowedHeaders() + ")";
                        break;
                    }
                }
            }
        }
        if (problem == null) {
            return null;
        }
        return Response.text("CORS preflight refused for " + request.path() + ": " + problem + " by the policy "
                + "settings().cors(\"" + scope + "\", ...).").status(403);
    }

    /**
     * Adds to an answer under {@code policy}: {@code Vary: Origin} always, and for an allowed
     * {@code Origin} the {@code Access-Control-Allow-Origin}, {@code -Allow-Credentials} and
     * {@code -Expose-Headers} headers (unless the handler set them itself).
     */
    public static void decorate(Request request, Response response, Cors policy) {
        response.vary("Origin");
        String origin = request.header("Origin");
        if (origin == null || !policy.allowsOrigin(origin) || response.header("Access-Control-Allow-Origin") != null) {
            return;
        }
        allowOrigin(response, policy, origin);
        if (!policy.exposedHeaders().isEmpty()) {
            response.header("Access-Control-Expose-Headers", String.join(", ", policy.exposedHeaders()));
        }
    }

    /** Whether {@code origin} may act as the user under {@code policy} (credentials allowed): its forms pass CSRF too. */
    public static boolean trustsWithCredentials(Cors policy, String origin) {
        return policy != null && origin != null && policy.allowsCredentials() && policy.allowsOrigin(origin);
    }

    private static void allowOrigin(Response response, Cors policy, String origin) {
        if (policy.allowsAnyOrigin() && !policy.allowsCredentials()) {
            response.header("Access-Control-Allow-Origin", "*");
        } else {
            response.header("Access-Control-Allow-Origin", origin);
        }
        if (policy.allowsCredentials()) {
            response.header("Access-Control-Allow-Credentials", "true");
        }
    }
}
