package io.microflask;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Called for each whole message of a {@link WebSocket} endpoint's client: a method with a
 * {@code String} message parameter gets text messages, one with {@code byte[]} gets binary ones
 * (an endpoint may have one of each). Besides the message it may take what an {@link OnOpen}
 * method takes. A {@code String} or {@code byte[]} it returns is sent back to this client; a
 * message of a kind the endpoint has no method for closes the connection with 1003 (an endpoint
 * that only sends, e.g. to a group its {@link OnOpen} method joins, needs none).
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface OnMessage {
}
