package io.microflask;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Makes a registered object a WebSocket endpoint at a path in Flask's syntax, with
 * {@link OnOpen}, {@link OnMessage}, {@link OnClose} and {@link OnError} methods. Register it
 * like any handler object, {@code app.register(new ChatSocket())}; what cannot be called the way
 * it is declared is an error at {@code register}, naming the method.
 *
 * <pre>{@code
 * @WebSocket("/ws/<room>")
 * public class ChatSocket {
 *     @OnOpen
 *     public void open(WebSocketConnection connection, String room) { connection.join(room); }
 *
 *     @OnMessage
 *     public void message(WebSocketConnection connection, String room, String text) {
 *         connection.group(room).send(text);
 *     }
 * }
 * }</pre>
 *
 * <p>Methods of one connection run one at a time, in the order its messages came. They run on
 * handler threads and may block, as route handlers may, unless the class or method is
 * {@link NonBlocking} (then they run on the connection's event loop and must not block).
 * Browsers' requests from other sites are refused (403) unless their origin is in
 * {@link Settings#webSocketAllowedOrigins()}. An exception thrown by a method is logged with the
 * route, given to the {@link OnError} method, and closes the connection with 1011.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface WebSocket {

    /** The path, e.g. {@code "/ws/<room>"}; variables are bound to method parameters by name. */
    String value();
}
