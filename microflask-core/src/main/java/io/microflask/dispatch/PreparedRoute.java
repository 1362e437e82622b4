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
 */
record PreparedRoute(RouteInfo info, ParameterBinder[] binders, HandlerInvoker invoker, ReturnKind returnKind,
                     ResultWriter writer, boolean nonBlocking) {

    /** How a return value becomes a response; ASYNC is a {@code CompletionStage}, written when it completes. */
    enum ReturnKind { VOID, HTML, BYTES, RESPONSE, WRITER, DYNAMIC, ASYNC }
}
