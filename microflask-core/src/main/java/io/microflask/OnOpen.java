package io.microflask;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Called once when a client of a {@link WebSocket} endpoint has connected, before any of its
 * messages. It may take the {@link WebSocketConnection} and whatever a route handler may take from
 * the opening request: path variables by name, {@code @Query}, {@code @Header}, {@link Request},
 * {@link Session} (read at the handshake; changes to it are not saved, since no answer carries a
 * cookie). Throwing {@link HttpException} refuses the client: the connection is closed with 1008.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface OnOpen {
}
