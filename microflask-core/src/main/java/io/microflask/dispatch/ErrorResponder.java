package io.microflask.dispatch;

import io.microflask.HttpException;
import io.microflask.HttpStatus;
import io.microflask.Request;
import io.microflask.Response;
import io.microflask.RouteInfo;
import io.microflask.spi.ErrorContext;
import io.microflask.spi.ErrorRenderer;
import io.microflask.util.Fatal;
import io.microflask.util.LogSafe;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;

/**
 * Turns a failure into an answer, in Flask's order: the app's {@code @ErrorHandler} methods, then
 * the extensions' renderers (JSON errors, devtools' page), then core's plain page. Details are
 * shown only when {@link Request#mayShowDebugDetails()} allows them (debug mode, a local client, a
 * loopback or debug Host). Request data in log lines goes through {@link LogSafe}. Never throws.
 */
final class ErrorResponder {
    private static final Logger log = LoggerFactory.getLogger(ErrorResponder.class);
    private static final String INTERNAL_ERROR_MESSAGE =
            "The server hit an internal error and could not complete your request.";

    private final AppRuntime app;
    private final ReturnValues returnValues;

    ErrorResponder(AppRuntime app, ReturnValues returnValues) {
        this.app = app;
        this.returnValues = returnValues;
    }

    /** The error answer for a failure while handling {@code request}. */
    Response respond(Throwable failure, Request request, RouteTable table, PreparedRoute route, Object[] arguments) {
        int status = failure instanceof HttpException http ? http.status() : 500;
        if (!(failure instanceof HttpException)) {
            if (failure instanceof NoWriterException) {
                log.error("{} {}: {}", LogSafe.text(request.method()), LogSafe.text(request.path()),
                        LogSafe.text(failure.getMessage()));
            } else {
                log.error("{} {} failed: {} threw {}", LogSafe.text(request.method()), LogSafe.text(request.path()),
                        route == null ? "the dispatcher" : route.info().handlerName(), LogSafe.text(failure), LogSafe.throwable(failure));
            }
        } else if (status >= 500) {
            log.warn("{} {} answered {}: {}", LogSafe.text(request.method()), LogSafe.text(request.path()), status,
                    LogSafe.text(failure.getMessage()));
        }
        Response response = null;
        RouteInfo matched = route == null ? null : route.info();
        ErrorHandlerMethod handler = findErrorHandler(table.errorHandlers(), failure, status,
                new Where(request.path(), matched != null, matched == null ? null : matched.blueprint()));
        if (handler != null) {
            try {
                response = callErrorHandler(handler, failure, status, request, route);
            } catch (Throwable handlerFailure) {
                Fatal.rethrowIfFatal(handlerFailure);
                log.error("{} {}: error handler {} threw {} while handling {}; answering with the default page",
                        LogSafe.text(request.method()), LogSafe.text(request.path()),
                        HandlerNames.describe(handler.method()), LogSafe.text(handlerFailure), LogSafe.text(failure),
                        handlerFailure);
                status = 500;
                failure = handlerFailure;
            }
        }
        if (response == null) {
            response = render(status, messageFor(failure, status), failure, request,
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

    /**
     * An error answer with no error handler involved (malformed requests, limits, a busy server):
     * the extensions' renderers, then the plain page. {@code request} may be {@code null}.
     */
    Response render(int status, String message, Throwable failure, Request request, RouteInfo route,
                    Object[] arguments) {
        boolean debug = app.debug();
        // The same decision as Request.mayShowDebugDetails(), with its reason for the log.
        String refusal = DebugAccess.refusal(debug, app.settings(), request);
        boolean showDetails = refusal == null;
        if (debug && !showDetails && status >= 500 && failure != null && request != null) {
            log.info("debug details of this error were not shown to {}: {}", request.remoteIp(), refusal);
        }
        ErrorContext context = new ErrorContext(status, message, failure, request, route, arguments, debug,
                showDetails);
        for (ErrorRenderer renderer : app.extensionPoints().errorRenderers()) {
            try {
                Response rendered = renderer.render(context);
                if (rendered != null) {
                    return rendered;
                }
            } catch (RuntimeException e) {
                log.error("error renderer {} failed while rendering {}; using the plain page", renderer, status,
                        LogSafe.throwable(e));
            }
        }
        return DefaultErrorPage.render(context);
    }

    /**
     * Flask's order: for an HTTP error ({@link HttpException}, a 404 from routing) a handler for
     * its status comes first, then one for its class; for any other exception a handler for its
     * closest class, then one for 500. Within each, handlers of the request's blueprint (the
     * innermost, for nested ones) win over app-wide ones.
     */
    private static ErrorHandlerMethod findErrorHandler(List<ErrorHandlerMethod> handlers, Throwable failure,
                                                       int status, Where path) {
        if (handlers.isEmpty()) {
            return null;
        }
        if (failure instanceof HttpException) {
            ErrorHandlerMethod byStatus = findByStatus(handlers, status, path);
            return byStatus != null ? byStatus : findByException(handlers, failure, path);
        }
        ErrorHandlerMethod byException = findByException(handlers, failure, path);
        return byException != null ? byException : findByStatus(handlers, status, path);
    }

    /** The request an error handler is looked for: its path and the blueprint of its route, if any. */
    private record Where(String path, boolean routed, String blueprint) {
        boolean coveredBy(ErrorHandlerMethod handler) {
            return handler.scope().covers(path, routed, blueprint);
        }
    }

    private static ErrorHandlerMethod findByException(List<ErrorHandlerMethod> handlers, Throwable failure,
                                                      Where path) {
        ErrorHandlerMethod best = null;
        int bestDistance = Integer.MAX_VALUE;
        int bestPrefix = -1;
        for (ErrorHandlerMethod handler : handlers) {
            if (!path.coveredBy(handler)) {
                continue;
            }
            int distance = handler.distanceTo(failure.getClass());
            if (distance < 0) {
                continue;
            }
            int prefixLength = handler.scope().specificity();
            if (prefixLength > bestPrefix || (prefixLength == bestPrefix && distance < bestDistance)) {
                best = handler;
                bestDistance = distance;
                bestPrefix = prefixLength;
            }
        }
        return best;
    }

    private static ErrorHandlerMethod findByStatus(List<ErrorHandlerMethod> handlers, int status, Where path) {
        ErrorHandlerMethod best = null;
        for (ErrorHandlerMethod handler : handlers) {
            if (path.coveredBy(handler) && handler.handlesStatus(status)
                    && (best == null || handler.scope().specificity() > best.scope().specificity())) {
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
        Response response = returnValues.write(result, handler.returnKind(), handler.writer(), request,
                route == null ? null : route.info());
        // An error handler that returns a body answers with the error's status, not 200.
        if (response.status() == 200 || response.status() == 204) {
            response.status(status);
        }
        return response;
    }
}
