package io.microflask.dispatch;

import io.microflask.Cors;
import io.microflask.Settings;
import io.microflask.routing.PathPrefix;

import java.util.Map;

/**
 * Which of {@code settings().cors(...)}'s policies covers a path: the one of the longest covering
 * prefix, as for hooks and error handlers.
 */
final class CorsScopes {
    private CorsScopes() {
    }

    /** A policy and the prefix it was set for, as the app wrote it (for messages). */
    record Scope(String prefix, Cors policy) {
    }

    /** The policy covering {@code path}, or {@code null} when none does (CORS is off there). */
    static Scope find(Settings settings, String path) {
        Map<String, Cors> policies = settings.corsPolicies();
        if (policies.isEmpty()) {
            return null;
        }
        Scope best = null;
        int bestLength = -1;
        for (Map.Entry<String, Cors> entry : policies.entrySet()) {
            PathPrefix prefix = PathPrefix.of(entry.getKey(), "settings().cors(\"" + entry.getKey() + "\", ...)");
            if (prefix.covers(path) && prefix.specificity() > bestLength) {
                best = new Scope(entry.getKey(), entry.getValue());
                bestLength = prefix.specificity();
            }
        }
        return best;
    }
}
