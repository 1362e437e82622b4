package io.microflask;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a public method to run after each request's handler, as Flask's
 * {@code @app.after_request}: it may change the response or return another. Hooks of a
 * {@code @Route} prefix run first, then app-wide ones (the reverse of before-request order).
 *
 * <p>It may take {@link Request} and {@link Response}, and returns {@code void} (the response it
 * was given is sent, with its changes) or a {@link Response} to send instead. It also runs for
 * error answers.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface AfterRequest {
}
