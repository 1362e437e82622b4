package io.microflask.dispatch;

import io.microflask.RouteInfo;
import io.microflask.spi.ParameterBinder;
import io.microflask.spi.ResultWriter;

/**
 * A route ready to serve: its description, how to fill each parameter, how to call the method
 * and how to write what it returns. Built once at {@code register}.
 *
 * @param writer      the writer chosen for the declared return type, or {@code null} when it can only
 *                    be chosen from the value at run time
 * @param nonBlocking whether it runs on the event loop ({@code @NonBlocking})
 * @param maxBodySize the route's own body limit ({@code @Route(maxBodySize)}), or -1 for the app's
 */
record PreparedRoute(RouteInfo info, ParameterBinder[] binders, HandlerInvoker invoker, ReturnKind returnKind,
                     ResultWriter writer, boolean nonBlocking, long maxBodySize, String handlerName) {

    /** {@code handlerName} is {@link RouteInfo#handlerName()}, built once here: the blocked-loop guard needs it per request. */
    PreparedRoute(RouteInfo info, ParameterBinder[] binders, HandlerInvoker invoker, ReturnKind returnKind,
                  ResultWriter writer, boolean nonBlocking, long maxBodySize) {
        this(info, binders, invoker, returnKind, writer, nonBlocking, maxBodySize, info.handlerName());
    }

    /** How a return value becomes a response; ASYNC is a {@code CompletionStage}, written when it completes. */
    enum ReturnKind { VOID, HTML, BYTES, RESPONSE, WRITER, DYNAMIC, ASYNC }
}
