package io.microflask;

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
    private final List<ErrorHandlerMethod> errorHandlers = new ArrayList<>();
    private final List<Object> objects = new ArrayList<>();
    private final List<RequestHooks.Scoped<RequestHooks.Before>> beforeHooks = new ArrayList<>();
    private final List<RequestHooks.Scoped<RequestHooks.After>> afterHooks = new ArrayList<>();
    private final List<RequestHooks.Scoped<RequestHooks.TeardownHook>> teardownHooks = new ArrayList<>();

    void addRoute(RoutePattern pattern, Set<String> methods, PreparedRoute route) {
        PreparedRoute sameEndpoint = byEndpoint.get(route.info().endpoint());
        if (sameEndpoint != null && !sameEndpoint.info().handler().equals(route.info().handler())) {
            throw new IllegalArgumentException("endpoint '" + route.info().endpoint() + "' is used by both "
                    + Registration.describe(sameEndpoint.info().handler()) + " and "
                    + Registration.describe(route.info().handler())
                    + "; give one of them another name with @Route(endpoint = \"...\")");
        }
        for (String method : methods) {
            PreparedRoute existing = router.add(pattern, method, route);
            if (existing != null) {
                throw new IllegalArgumentException("two handlers for " + method + " " + pattern.source() + ": "
                        + Registration.describe(existing.info().handler()) + " (route '"
                        + existing.info().pattern() + "') and " + Registration.describe(route.info().handler())
                        + " (route '" + pattern.source() + "'); remove one, or give them different paths or methods");
            }
        }
        byEndpoint.put(route.info().endpoint(), route);
        patternsByEndpoint.put(route.info().endpoint(), pattern);
    }

    void addErrorHandler(ErrorHandlerMethod handler) {
        errorHandlers.add(handler);
    }

    void addBeforeHook(RequestHooks.Scoped<RequestHooks.Before> hook) {
        beforeHooks.add(hook);
    }

    void addAfterHook(RequestHooks.Scoped<RequestHooks.After> hook) {
        afterHooks.add(hook);
    }

    void addTeardownHook(RequestHooks.Scoped<RequestHooks.TeardownHook> hook) {
        teardownHooks.add(hook);
    }

    List<RequestHooks.Scoped<RequestHooks.Before>> beforeHooks() {
        return beforeHooks;
    }

    List<RequestHooks.Scoped<RequestHooks.After>> afterHooks() {
        return afterHooks;
    }

    List<RequestHooks.Scoped<RequestHooks.TeardownHook>> teardownHooks() {
        return teardownHooks;
    }

    void addObject(Object object) {
        objects.add(object);
    }

    Router<PreparedRoute> router() {
        return router;
    }

    List<ErrorHandlerMethod> errorHandlers() {
        return errorHandlers;
    }

    List<Object> objects() {
        return Collections.unmodifiableList(objects);
    }

    RoutePattern patternOf(String endpoint) {
        return patternsByEndpoint.get(endpoint);
    }

    Map<String, PreparedRoute> endpoints() {
        return Collections.unmodifiableMap(byEndpoint);
    }
}
