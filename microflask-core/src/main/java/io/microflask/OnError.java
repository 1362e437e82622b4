package io.microflask;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Called when another method of a {@link WebSocket} endpoint threw; the exception is logged with
 * the route either way, and the connection is closed with 1011 after this returns. Besides what an
 * {@link OnOpen} method takes, it may take the {@code Throwable} (or a subtype of it).
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface OnError {
}
