package io.microflask;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a public method of a registered object as the answer for an HTTP status or an exception
 * type, as Flask's {@code @app.errorhandler}. The method may take the exception (or a supertype of
 * it), {@link Request}, {@link HttpException} and {@code int} (the status), and return anything a
 * handler may return.
 *
 * <p>Precedence: a handler for the exception's most specific class wins over a handler for a
 * superclass, which wins over a handler for the answer's status. Handlers declared in a class
 * with a {@code @Route} prefix apply to that prefix first (blueprint-local), then app-wide ones.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface ErrorHandler {
    /** Statuses this method answers for, e.g. {@code 404}. */
    int[] status() default {};

    /** Exception types this method answers for. */
    Class<? extends Throwable>[] exception() default {};
}
