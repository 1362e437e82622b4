package io.microflask.dispatch;

import io.microflask.HttpException;
import io.microflask.Request;
import io.microflask.RequestHooks;
import io.microflask.Response;
import io.microflask.routing.Router;
import io.microflask.security.CorsPolicy;
import io.microflask.security.CsrfProtection;
import io.microflask.security.SecurityHeaders;
import io.microflask.server.IncomingRequest;
import io.microflask.spi.ParameterBinder;
import io.microflask.spi.ResponseFilter;
import io.microflask.util.Fatal;
import io.microflask.util.LogSafe;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The steps of one request, as Flask's {@code full_dispatch_request}: route; before-request
 * hooks, bind the parameters, call the handler, write its result; after-request hooks, save the
 * session, teardown hooks, close the request's files, response filters. {@link RoutedRequest}
 * runs them in order, on a handler thread or the event loop as the route says, with the second
 * half after an asynchronous result completes. Nothing here throws out of a request: whatever goes
 * wrong becomes an answer.
 */
final class RequestLifecycle {
    private static final Logger log = LoggerFactory.getLogger(RequestLifecycle.class);

    private final AppRuntime app;
    private final ReturnValues returnValues;
    private final ErrorResponder errors;
    private final BlockedLoopGuard guard;

    RequestLifecycle(AppRuntime app, ReturnValues returnValues, ErrorResponder errors) {
        this.app = app;
        this.returnValues = returnValues;
        this.errors = errors;
        this.guard = new BlockedLoopGuard(app);
    }

    BlockedLoopGuard guard() {
        return guard;
    }

    /**
     * Routes a parsed request (framework code only, so it may run on the event loop) and returns it
     * ready to run where its route says.
     */
    RoutedRequest route(IncomingRequest incoming) {
        RequestContext context = new RequestContext(incoming, app);
        Request request = new ContextRequest(context);
        Routes routes = app.currentRoutes();
        Router.Match<PreparedRoute> match;
        try {
            match = routes.table().router().match(request.method(), request.segments());
        } catch (RuntimeException e) {
            match = null; // answered 404 when it runs, through the error handlers
        }
        PreparedRoute route = null;
        if (match instanceof Router.Found<PreparedRoute> found) {
            route = found.handler();
            context.matched(route.info(), found.variables());
            context.routeBodyLimit(route.maxBodySize());
        }
        return new RoutedRequest(this, context, request, routes, match, route);
    }

    /** The body limit of the route {@code method} and {@code segments} go to, or -1 for the app's. */
    long routeBodyLimit(String method, java.util.List<String> segments) {
        try {
            if (app.currentRoutes().table().router().match(method, segments)
                    instanceof Router.Found<PreparedRoute> found) {
                return found.handler().maxBodySize();
            }
        } catch (RuntimeException e) {
            // Unroutable: the app-wide limit, and a 404 once the request is whole.
        }
        return -1;
    }

    /**
     * The first half of a request: before-request hooks, binding and the call. Returns the early
     * answer of a hook, the handler's result, or (unrouted) the 404/405/redirect; throws what they throw.
     */
    Object beforeAndCall(RoutedRequest exchange) throws Throwable {
        Request request = exchange.request();
        PreparedRoute route = exchange.preparedRoute();
        CorsScopes.Scope cors = CorsScopes.find(request.settings(), request.path());
        if (cors != null && CorsPolicy.isPreflight(request)) {
            // Before routing's 405 and before the hooks: a login hook must not redirect a browser's question.
            return CorsPolicy.preflight(request, cors.policy(), cors.prefix());
        }
        if (route != null) {
            // Before the hooks too: a hook may act on the request (log in, count, write) as a handler does.
            CsrfProtection.check(request, route.info().handler(),
                    cors != null && CorsPolicy.trustsWithCredentials(cors.policy(), request.header("Origin")));
        }
        Response early = runBeforeHooks(exchange.routes().hooks().before(), request, request.path(), route);
        if (early != null) {
            return early;
        }
        if (route == null) {
            return answerUnrouted(exchange.match(), request);
        }
        Object[] arguments = bind(route, request);
        exchange.arguments(arguments);
        return route.invoker().invoke(arguments);
    }

    /** Writes a handler's (or hook's) result as its route declares, or by its value. */
    Response write(RoutedRequest exchange, Object result, boolean declaredKind) throws Exception {
        PreparedRoute route = exchange.preparedRoute();
        if (result instanceof Response response) {
            return response;
        }
        if (!declaredKind || route == null || route.returnKind() == PreparedRoute.ReturnKind.ASYNC) {
            return returnValues.write(result, PreparedRoute.ReturnKind.DYNAMIC, null, exchange.request(),
                    route == null ? null : route.info());
        }
        return returnValues.write(result, route.returnKind(), route.writer(), exchange.request(), route.info());
    }

    /** The answer to a failure of the first half, or of an asynchronous result. */
    Response fail(RoutedRequest exchange, Throwable failure) {
        PreparedRoute route = exchange.preparedRoute();
        return errors.respond(failure, exchange.request(), exchange.routes().table(), route, exchange.arguments());
    }

    /**
     * The second half: after-request hooks, the session cookie, teardown hooks, the request's files,
     * response filters. Never throws.
     */
    Response finish(RoutedRequest exchange, Response response, Throwable failure) {
        Request request = exchange.request();
        String path = request.path();
        HookChains hooks = exchange.routes().hooks();
        response = runAfterHooks(hooks.after(), request, path, response, exchange.routes().table(),
                exchange.preparedRoute());
        exchange.context().saveSession(response);
        runTeardownHooks(hooks.teardown(), request, path, exchange.preparedRoute(), failure);
        exchange.context().close();
        CorsScopes.Scope cors = CorsScopes.find(request.settings(), path);
        if (cors != null) {
            CorsPolicy.decorate(request, response, cors.policy());
        }
        SecurityHeaders.apply(request.settings(), request, response);
        return representation(request, filter(request, response));
    }

    /** The representation sent: conditional and partial answers, then compression. Never throws. */
    private static Response representation(Request request, Response response) {
        try {
            response = ConditionalResponses.apply(request, response);
        } catch (RuntimeException e) {
            log.error("{}: the conditional answer could not be made; the response is sent as it is", request, e);
        }
        return ResponseCompression.apply(request, response);
    }

    /** The answer when the server refuses a request itself; {@code incoming} may be {@code null}. */
    Response reject(int status, String message, IncomingRequest incoming) {
        Request request = incoming == null ? null : new ContextRequest(new RequestContext(incoming, app));
        Response response = errors.render(status, message, null, request, null, null);
        SecurityHeaders.apply(app.settings(), request, response);
        return response;
    }

    private static Response answerUnrouted(Router.Match<PreparedRoute> match, Request request) {
        if (match == null) {
            throw new HttpException(404, "The requested URL " + request.path() + " was not found on this server.");
        }
        if (match instanceof Router.MethodNotAllowed<PreparedRoute> notAllowed) {
            String allow = String.join(", ", notAllowed.allowed());
            if (request.method().equals("OPTIONS")) {
                return new Response(200).header("Allow", allow).header("Content-Length", 0);
            }
            throw new HttpException(405, "The method " + request.method() + " is not allowed for "
                    + request.path() + "; allowed: " + allow).withHeader("Allow", allow);
        }
        if (match instanceof Router.RedirectToSlash<PreparedRoute>) {
            String target = request.rawPath() + "/"
                    + (request.queryString().isEmpty() ? "" : "?" + request.queryString());
            return Response.redirect(target, 308);
        }
        throw new HttpException(404, "The requested URL " + request.path() + " was not found on this server.");
    }

    /** In chain order; the first non-null result answers the request. */
    Response runBeforeHooks(HookChain<RequestHooks.Before> chain, Request request, String path,
                                    PreparedRoute route) throws Exception {
        String blueprint = blueprintOf(route);
        for (int i = 0; i < chain.size(); i++) {
            ScopedHook<RequestHooks.Before> hook = chain.at(i, path, route != null, blueprint);
            if (hook == null) {
                continue;
            }
            Object result = hook.hook().before(request);
            if (result != null) {
                log.debug("{} {} answered early by {}", LogSafe.text(request.method()), LogSafe.text(request.path()),
                        hook.name());
                return returnValues.write(result, PreparedRoute.ReturnKind.DYNAMIC, null, request,
                        route == null ? null : route.info());
            }
        }
        return null;
    }

    /** In reverse chain order (the innermost blueprint's first, app-wide last), as Flask does. */
    private Response runAfterHooks(HookChain<RequestHooks.After> chain, Request request, String path,
                                   Response response, RouteTable table, PreparedRoute route) {
        String blueprint = blueprintOf(route);
        for (int i = chain.size() - 1; i >= 0; i--) {
            ScopedHook<RequestHooks.After> hook = chain.at(i, path, route != null, blueprint);
            if (hook == null) {
                continue;
            }
            try {
                Response changed = hook.hook().after(request, response);
                if (changed != null) {
                    response = changed;
                }
            } catch (Throwable thrown) {
                Fatal.rethrowIfFatal(thrown);
                log.error("{} {}: {} threw {}; answering with an error instead", LogSafe.text(request.method()),
                        LogSafe.text(request.path()), hook.name(), LogSafe.text(thrown));
                response.releaseBody();
                response = errors.respond(thrown, request, table, route, null);
            }
        }
        return response;
    }

    /** Every teardown hook runs, in reverse chain order, whatever the others do. */
    private static void runTeardownHooks(HookChain<RequestHooks.Teardown> chain, Request request, String path,
                                         PreparedRoute route, Throwable failure) {
        String blueprint = blueprintOf(route);
        for (int i = chain.size() - 1; i >= 0; i--) {
            ScopedHook<RequestHooks.Teardown> hook = chain.at(i, path, route != null, blueprint);
            if (hook == null) {
                continue;
            }
            try {
                hook.hook().teardown(request, failure);
            } catch (Throwable thrown) {
                Fatal.rethrowIfFatal(thrown);
                log.error("{} {}: {} threw {}; ignored", LogSafe.text(request.method()), LogSafe.text(request.path()),
                        hook.name(), LogSafe.text(thrown), LogSafe.throwable(thrown));
            }
        }
    }

    private static String blueprintOf(PreparedRoute route) {
        return route == null ? null : route.info().blueprint();
    }

    private Response filter(Request request, Response response) {
        for (ResponseFilter filter : app.extensionPoints().responseFilters()) {
            try {
                response = filter.filter(request, response);
            } catch (RuntimeException e) {
                log.error("response filter {} failed for {}; the response is sent unfiltered", filter, request,
                        LogSafe.throwable(e));
            }
        }
        return response;
    }

    private static Object[] bind(PreparedRoute route, Request request) throws Exception {
        ParameterBinder[] binders = route.binders();
        Object[] arguments = new Object[binders.length];
        for (int i = 0; i < binders.length; i++) {
            arguments[i] = binders[i].bind(request);
        }
        return arguments;
    }
}
