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
    /**
     * Where this hook stands among the after-request hooks of its class, as if declared in that
     * order in Flask: they run in the reverse order (the highest first), as Flask runs
     * {@code after_request} functions. Equal orders run in reverse method-name order and, for two
     * hooks of one class, are a warning at {@code register}.
     */
    int order() default 0;
}
