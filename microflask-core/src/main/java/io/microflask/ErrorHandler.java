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
 * <p>Precedence, as in Flask: for an HTTP error ({@link HttpException}, or a 404/405 from routing)
 * a handler for its status, then one for its class; for any other exception the handler for its
 * closest class (a subclass handler wins over a superclass one), then a handler for 500.
 * Handlers declared in a class with a {@code @Route} prefix apply to that prefix first
 * (blueprint-local), then app-wide ones.
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
