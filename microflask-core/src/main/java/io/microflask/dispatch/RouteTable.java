package io.microflask.dispatch;

import io.microflask.RequestHooks;
import io.microflask.Route;
import io.microflask.routing.RoutePattern;
import io.microflask.routing.Router;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Everything the registered objects declare: the routes, their endpoints and the error
 * handlers. The dispatcher reads one table; devtools builds a new one from reloaded classes and
 * the app swaps it in whole, so a request sees either the old table or the new, never a mix.
 */
final class RouteTable {
    private final Router<PreparedRoute> router = new Router<>();
    private final Map<String, PreparedRoute> byEndpoint = new HashMap<>();
    private final Map<String, RoutePattern> patternsByEndpoint = new HashMap<>();
    private final Map<String, String> aliases = new HashMap<>();
    private final List<ErrorHandlerMethod> errorHandlers = new ArrayList<>();
    // The annotated hooks in registration order; HookChains orders them with the others.
    private final List<ScopedHook<RequestHooks.Before>> beforeHooks = new ArrayList<>();
    private final List<ScopedHook<RequestHooks.After>> afterHooks = new ArrayList<>();
    private final List<ScopedHook<RequestHooks.Teardown>> teardownHooks = new ArrayList<>();

    void addRoute(RoutePattern pattern, Set<String> methods, PreparedRoute route) {
        PreparedRoute sameEndpoint = byEndpoint.get(route.info().endpoint());
        if (sameEndpoint != null && !sameEndpoint.info().handler().equals(route.info().handler())) {
            throw new IllegalArgumentException("endpoint '" + route.info().endpoint() + "' is used by both "
                    + HandlerNames.describe(sameEndpoint.info().handler()) + " and "
                    + HandlerNames.describe(route.info().handler())
                    + "; give one of them another name with @Route(endpoint = \"...\")");
        }
        for (String method : methods) {
            PreparedRoute existing = router.add(pattern, method, route);
            if (existing != null) {
                throw new IllegalArgumentException("two handlers for " + method + " " + pattern.source() + ": "
                        + HandlerNames.describe(existing.info().handler()) + " (route '"
                        + existing.info().pattern() + "') and " + HandlerNames.describe(route.info().handler())
                        + " (route '" + pattern.source() + "'); remove one, or give them different paths or methods");
            }
        }
        byEndpoint.put(route.info().endpoint(), route);
        patternsByEndpoint.put(route.info().endpoint(), pattern);
    }

    /** Other names of endpoints, for {@code url_for}: each alias must name an endpoint and be none itself. */
    void addAliases(Map<String, String> endpointAliases) {
        for (Map.Entry<String, String> alias : endpointAliases.entrySet()) {
            if (byEndpoint.containsKey(alias.getKey())) {
                throw new IllegalArgumentException("alias(\"" + alias.getKey() + "\", \"" + alias.getValue()
                        + "\"): '" + alias.getKey() + "' is already the endpoint of "
                        + HandlerNames.describe(byEndpoint.get(alias.getKey()).info().handler())
                        + "; choose another alias");
            }
            if (!byEndpoint.containsKey(alias.getValue())) {
                throw new IllegalArgumentException("alias(\"" + alias.getKey() + "\", \"" + alias.getValue()
                        + "\"): no route has the endpoint '" + alias.getValue() + "'. Known endpoints: "
                        + new java.util.TreeSet<>(byEndpoint.keySet()));
            }
            aliases.put(alias.getKey(), alias.getValue());
        }
    }

    /** The endpoint an alias names, or {@code endpoint} itself. */
    String resolve(String endpoint) {
        return aliases.getOrDefault(endpoint, endpoint);
    }

    void addErrorHandler(ErrorHandlerMethod handler) {
        errorHandlers.add(handler);
    }

    void addBeforeHook(ScopedHook<RequestHooks.Before> hook) {
        beforeHooks.add(hook);
    }

    void addAfterHook(ScopedHook<RequestHooks.After> hook) {
        afterHooks.add(hook);
    }

    void addTeardownHook(ScopedHook<RequestHooks.Teardown> hook) {
        teardownHooks.add(hook);
    }

    List<ScopedHook<RequestHooks.Before>> beforeHooks() {
        return beforeHooks;
    }

    List<ScopedHook<RequestHooks.After>> afterHooks() {
        return afterHooks;
    }

    List<ScopedHook<RequestHooks.Teardown>> teardownHooks() {
        return teardownHooks;
    }

    Router<PreparedRoute> router() {
        return router;
    }

    List<ErrorHandlerMethod> errorHandlers() {
        return errorHandlers;
    }

    RoutePattern patternOf(String endpoint) {
        return patternsByEndpoint.get(endpoint);
    }

    Map<String, PreparedRoute> endpoints() {
        return Collections.unmodifiableMap(byEndpoint);
    }
}
