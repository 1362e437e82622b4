package io.microflask;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a public method to run when a request ends, whatever happened, as Flask's
 * {@code @app.teardown_request}: for releasing what a before-request hook acquired. It may take
 * {@link Request} and a {@link Throwable}, which is what the handler (or a before-request hook)
 * threw, or {@code null}. What it throws is logged and otherwise ignored.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface TeardownRequest {
    /**
     * Where this hook stands among the teardown hooks of its class, as if declared in that order in
     * Flask: they run in the reverse order (the highest first). Equal orders run in reverse
     * method-name order and, for two hooks of one class, are a warning at {@code register}.
     */
    int order() default 0;
}
