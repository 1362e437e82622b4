package io.microflask.dispatch;

import io.microflask.RouteInfo;
import io.microflask.routing.RoutePattern;

import java.lang.reflect.Method;

/**
 * A {@code @WebSocket} endpoint prepared at register: its path and its methods, each with how
 * its arguments are found. A missing method is {@code null}.
 */
record WebSocketRoute(RouteInfo info, RoutePattern pattern, boolean nonBlocking, Call open, Call text,
                      Call binary, Call close, Call error) {

    /** The route as log lines name it. */
    String describe() {
        return info.pattern() + " (" + info.handler().getDeclaringClass().getSimpleName() + ")";
    }

    /** What one argument of a call is. */
    interface Argument {
        Object value(OpenWebSocket socket, Object event) throws Exception;
    }

    /** One endpoint method: how to call it and whether what it returns is sent back. */
    record Call(Method method, HandlerInvoker invoker, Argument[] arguments, boolean returnsMessage) {
        Object invoke(OpenWebSocket socket, Object event) throws Throwable {
            Object[] values = new Object[arguments.length];
            for (int i = 0; i < values.length; i++) {
                values[i] = arguments[i].value(socket, event);
            }
            return invoker.invoke(values);
        }
    }

    /** What a close method is told. */
    record Closing(int code, String reason) {
    }
}
