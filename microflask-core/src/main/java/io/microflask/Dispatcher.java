package io.microflask;

import io.microflask.multipart.MultipartForm;
import io.microflask.routing.Router;
import io.microflask.session.Session;
import io.microflask.spi.ErrorContext;
import io.microflask.spi.ErrorRenderer;
import io.microflask.spi.ParameterBinder;
import io.microflask.spi.ResponseFilter;
import io.microflask.spi.ResultWriter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;

/**
 * Answers one request on a handler thread: route, bind, call, write the result, and turn any
 * failure into an error answer. Never throws: whatever goes wrong becomes a response.
 */
public final class Dispatcher {
    private static final Logger log = LoggerFactory.getLogger(Dispatcher.class);
    private static final String INTERNAL_ERROR_MESSAGE =
            "The server hit an internal error and could not complete your request.";

    private final App app;

    Dispatcher(App app) {
        this.app = app;
    }

    /** The answer to a request. */
    public Response handle(Request request) {
        request.app(app);
        RouteTable table = app.routeTable();
        String path = request.path();
        PreparedRoute route = null;
        Object[] arguments = null;
        Throwable failure = null;
        Response response;
        try {
            Router.Match<PreparedRoute> match = table.router().match(request.method(), request.segments());
            if (match instanceof Router.Found<PreparedRoute> found) {
                route = found.handler();
                request.matched(route.info(), found.variables());
            }
            response = runBeforeHooks(RequestHooks.applicable(app.beforeHooks(), table.beforeHooks(), path),
                    request, route);
            if (response == null) {
                if (route != null) {
                    arguments = bind(route, request);
                    Object result = route.invoker().invoke(arguments);
                    response = write(result, route.returnKind(), route.writer(), request, route.info());
                } else {
                    response = answerUnrouted(match, request);
                }
            }
        } catch (Throwable thrown) {
            if (thrown instanceof VirtualMachineError fatal && !(thrown instanceof StackOverflowError)) {
                throw fatal;
            }
            failure = thrown;
            response = errorResponse(thrown, request, route, arguments);
        }
        response = runAfterHooks(RequestHooks.applicable(app.afterHooks(), table.afterHooks(), path), request,
                response, route);
        saveSession(request, response);
        runTeardownHooks(RequestHooks.applicable(app.teardownHooks(), table.teardownHooks(), path), request,
                failure);
        closeMultipart(request);
        return filter(request, response);
    }

    private static Response answerUnrouted(Router.Match<PreparedRoute> match, Request request) {
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

    /** App-wide hooks, then prefix-local ones; the first non-null result answers the request. */
    private Response runBeforeHooks(List<RequestHooks.Scoped<RequestHooks.Before>> hooks, Request request,
                                    PreparedRoute route) throws Exception {
        for (RequestHooks.Scoped<RequestHooks.Before> hook : hooks) {
            Object result = hook.hook().before(request);
            if (result != null) {
                log.debug("{} {} answered early by {}", request.method(), request.path(), hook.name());
                return write(result, PreparedRoute.ReturnKind.DYNAMIC, null, request,
                        route == null ? null : route.info());
            }
        }
        return null;
    }

    /** Prefix-local hooks, then app-wide ones (the reverse of before-request order), as Flask does. */
    private Response runAfterHooks(List<RequestHooks.Scoped<RequestHooks.After>> hooks, Request request,
                                   Response response, PreparedRoute route) {
        for (int i = hooks.size() - 1; i >= 0; i--) {
            RequestHooks.Scoped<RequestHooks.After> hook = hooks.get(i);
            try {
                Response changed = hook.hook().after(request, response);
                if (changed != null) {
                    response = changed;
                }
            } catch (Throwable thrown) {
                if (thrown instanceof VirtualMachineError fatal && !(thrown instanceof StackOverflowError)) {
                    throw fatal;
                }
                log.error("{} {}: {} threw {}; answering with an error instead", request.method(), request.path(),
                        hook.name(), thrown.toString());
                response.releaseBody();
                response = errorResponse(thrown, request, route, null);
            }
        }
        return response;
    }

    private void saveSession(Request request, Response response) {
        Session session = request.sessionIfOpened();
        if (session == null) {
            return;
        }
        try {
            app.sessions().save(request, session, response);
        } catch (RuntimeException e) {
            log.error("{} {}: the session could not be saved: {}", request.method(), request.path(), e.toString(), e);
        }
    }

    /** Every teardown hook runs, in reverse order, whatever the others do. */
    private static void runTeardownHooks(List<RequestHooks.Scoped<RequestHooks.TeardownHook>> hooks, Request request,
                                         Throwable failure) {
        for (int i = hooks.size() - 1; i >= 0; i--) {
            RequestHooks.Scoped<RequestHooks.TeardownHook> hook = hooks.get(i);
            try {
                hook.hook().teardown(request, failure);
            } catch (Throwable thrown) {
                if (thrown instanceof VirtualMachineError fatal && !(thrown instanceof StackOverflowError)) {
                    throw fatal;
                }
                log.error("{} {}: {} threw {}; ignored", request.method(), request.path(), hook.name(),
                        thrown.toString(), thrown);
            }
        }
    }

    private static void closeMultipart(Request request) {
        MultipartForm multipart = request.multipartIfDecoded();
        if (multipart != null) {
            try {
                multipart.close();
            } catch (RuntimeException e) {
                log.warn("{} {}: could not delete the uploaded files' temporary copies: {}", request.method(),
                        request.path(), e.toString());
            }
        }
    }

    private Response filter(Request request, Response response) {
        List<ResponseFilter> filters = app.responseFilters();
        for (ResponseFilter filter : filters) {
            try {
                response = filter.filter(request, response);
            } catch (RuntimeException e) {
                log.error("response filter {} failed for {}; the response is sent unfiltered", filter, request, e);
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

    private Response write(Object result, PreparedRoute.ReturnKind kind, ResultWriter writer, Request request,
                           RouteInfo route) throws Exception {
        if (result == null) {
            return new Response(204);
        }
        switch (kind) {
            case VOID:
                return new Response(204);
            case HTML:
                return Response.html(result.toString());
            case BYTES:
                return Response.bytes((byte[]) result);
            case RESPONSE:
                return (Response) result;
            case WRITER:
                return writer.write(result, request);
            default:
                return writeDynamic(result, request, route);
        }
    }

    private Response writeDynamic(Object result, Request request, RouteInfo route) throws Exception {
        if (result instanceof Response response) {
            return response;
        }
        if (result instanceof CharSequence text) {
            return Response.html(text.toString());
        }
        if (result instanceof byte[] bytes) {
            return Response.bytes(bytes);
        }
        ResultWriter writer = app.findWriter(result.getClass(), result.getClass());
        if (writer == null) {
            throw new NoWriterException(route, result.getClass());
        }
        return writer.write(result, request);
    }

    /** The error answer for a failure while handling {@code request}. Never throws. */
    Response errorResponse(Throwable failure, Request request, PreparedRoute route, Object[] arguments) {
        int status = failure instanceof HttpException http ? http.status() : 500;
        if (!(failure instanceof HttpException)) {
            if (failure instanceof NoWriterException) {
                log.error("{} {}: {}", request.method(), request.path(), failure.getMessage());
            } else {
                log.error("{} {} failed: {} threw {}", request.method(), request.path(),
                        route == null ? "the dispatcher" : route.info().handlerName(), failure.toString(), failure);
            }
        } else if (status >= 500) {
            log.warn("{} {} answered {}: {}", request.method(), request.path(), status, failure.getMessage());
        }
        Response response = null;
        ErrorHandlerMethod handler = findErrorHandler(failure, status, request);
        if (handler != null) {
            try {
                response = callErrorHandler(handler, failure, status, request, route);
            } catch (Throwable handlerFailure) {
                log.error("{} {}: error handler {} threw {} while handling {}; answering with the default page",
                        request.method(), request.path(), Registration.describe(handler.method()),
                        handlerFailure, failure, handlerFailure);
                status = 500;
                failure = handlerFailure;
            }
        }
        if (response == null) {
            response = renderError(status, messageFor(failure, status), failure, request,
                    route == null ? null : route.info(), arguments);
        }
        if (failure instanceof HttpException http) {
            http.headers().forEach(response::header);
        }
        return response;
    }

    private static String messageFor(Throwable failure, int status) {
        if (failure instanceof HttpException http) {
            return http.getMessage();
        }
        return status >= 500 ? INTERNAL_ERROR_MESSAGE : HttpStatus.reason(status);
    }

    /** An error answer with no handler involved (malformed requests, 404s, limits). */
    public Response renderError(int status, String message, Throwable failure, Request request, RouteInfo route,
                                Object[] arguments) {
        if (request != null && request.app() == null) {
            request.app(app);
        }
        boolean showDetails = app.debug() && (request == null || request.isLocalClient()
                || app.settings().showDebugToRemoteClients());
        if (app.debug() && !showDetails && status >= 500 && failure != null) {
            log.info("debug details of this error were not shown to {}: only clients on this machine see them "
                    + "(settings().showDebugToRemoteClients(true) changes that)", request.remoteIp());
        }
        ErrorContext context = new ErrorContext(status, message, failure, request, route, arguments, app.debug(),
                showDetails);
        for (ErrorRenderer renderer : app.errorRenderers()) {
            try {
                Response rendered = renderer.render(context);
                if (rendered != null) {
                    return rendered;
                }
            } catch (RuntimeException e) {
                log.error("error renderer {} failed while rendering {}; using the plain page", renderer, status, e);
            }
        }
        return DefaultErrorPage.render(context);
    }

    /**
     * Flask's order: for an HTTP error ({@link HttpException}, a 404 from routing) a handler for
     * its status comes first, then one for its class; for any other exception a handler for its
     * closest class, then one for 500. Within each, handlers local to the request's class prefix
     * (the longest matching) win over app-wide ones.
     */
    private ErrorHandlerMethod findErrorHandler(Throwable failure, int status, Request request) {
        List<ErrorHandlerMethod> handlers = app.routeTable().errorHandlers();
        if (handlers.isEmpty()) {
            return null;
        }
        String path = request.path();
        if (failure instanceof HttpException) {
            ErrorHandlerMethod byStatus = findByStatus(handlers, status, path);
            return byStatus != null ? byStatus : findByException(handlers, failure, path);
        }
        ErrorHandlerMethod byException = findByException(handlers, failure, path);
        return byException != null ? byException : findByStatus(handlers, status, path);
    }

    private static ErrorHandlerMethod findByException(List<ErrorHandlerMethod> handlers, Throwable failure,
                                                      String path) {
        ErrorHandlerMethod best = null;
        int bestDistance = Integer.MAX_VALUE;
        int bestPrefix = -1;
        for (ErrorHandlerMethod handler : handlers) {
            if (!handler.appliesTo(path)) {
                continue;
            }
            int distance = handler.distanceTo(failure.getClass());
            if (distance < 0) {
                continue;
            }
            int prefixLength = handler.prefix().length();
            if (prefixLength > bestPrefix || (prefixLength == bestPrefix && distance < bestDistance)) {
                best = handler;
                bestDistance = distance;
                bestPrefix = prefixLength;
            }
        }
        return best;
    }

    private static ErrorHandlerMethod findByStatus(List<ErrorHandlerMethod> handlers, int status, String path) {
        ErrorHandlerMethod best = null;
        for (ErrorHandlerMethod handler : handlers) {
            if (handler.appliesTo(path) && handler.handlesStatus(status)
                    && (best == null || handler.prefix().length() > best.prefix().length())) {
                best = handler;
            }
        }
        return best;
    }

    private Response callErrorHandler(ErrorHandlerMethod handler, Throwable failure, int status, Request request,
                                      PreparedRoute route) throws Throwable {
        ErrorHandlerMethod.ArgumentSource[] sources = handler.arguments();
        Object[] arguments = new Object[sources.length];
        for (int i = 0; i < sources.length; i++) {
            arguments[i] = switch (sources[i]) {
                case EXCEPTION -> failure;
                case REQUEST -> request;
                case STATUS -> status;
                case MESSAGE -> messageFor(failure, status);
            };
        }
        Object result = handler.invoker().invoke(arguments);
        if (result instanceof Response response) {
            return response;
        }
        Response response = write(result, handler.returnKind(), handler.writer(), request,
                route == null ? null : route.info());
        // An error handler that returns a body answers with the error's status, not 200.
        if (response.status() == 200 || response.status() == 204) {
            response.status(status);
        }
        return response;
    }

    /** A handler returned a value that nothing installed can write. */
    static final class NoWriterException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        NoWriterException(RouteInfo route, Class<?> type) {
            super((route == null ? "a handler" : route.handlerName()) + " returned a " + type.getName()
                    + ", which no installed extension can write. "
                    + (type.isRecord() || java.util.Map.class.isAssignableFrom(type)
                    || java.util.Collection.class.isAssignableFrom(type) || !type.getName().startsWith("java.")
                    ? "To answer with JSON, add the dependency io.microflask:microflask-json. "
                    : "")
                    + "Or return a String (HTML), byte[] or Response.", null, false, false);
        }
    }
}
