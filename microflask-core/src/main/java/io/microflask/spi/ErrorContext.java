package io.microflask.spi;

import io.microflask.Request;
import io.microflask.RouteInfo;

/**
 * An error to render.
 *
 * @param status       the answer's status, e.g. 404 or 500
 * @param message      a message safe to show the client (never an exception's internals)
 * @param exception    the exception behind it, or {@code null} (e.g. no route matched)
 * @param request      the request, or {@code null} when it could not be parsed
 * @param route        the matched route, or {@code null}
 * @param arguments    the arguments the handler was called with, or {@code null}
 * @param debug        whether the app runs in debug mode
 * @param showDetails  whether details may be shown: {@code request != null &&
 *                     request.mayShowDebugDetails()} (debug mode, a client on this machine, a Host
 *                     naming this machine or one of {@code settings().debugHosts()})
 */
public record ErrorContext(int status, String message, Throwable exception, Request request,
                           RouteInfo route, Object[] arguments, boolean debug, boolean showDetails) {
}
