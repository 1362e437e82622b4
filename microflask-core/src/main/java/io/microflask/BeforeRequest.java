package io.microflask;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a public method to run before each request's handler, as Flask's
 * {@code @app.before_request}. In a class with a {@code @Route} prefix it runs only for paths
 * under that prefix (after the app-wide ones), as a blueprint's hook.
 *
 * <p>It may take {@link Request} and {@link io.microflask.Session}. Returning {@code null}
 * (or {@code void}) lets the request go on; returning anything else answers the request with it
 * at once (e.g. a redirect to the login page), written as a handler's return value, and the
 * handler is not called. After-request and teardown hooks still run.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface BeforeRequest {
    /**
     * Where this hook stands among the before-request hooks of its class, lower first; hooks of
     * equal order run in method-name order, and two of them in one class are a warning at
     * {@code register} (give each its own order, e.g. {@code loadUser} 1 and {@code requireLogin} 2).
     * Order is within the class: app-wide hooks still run before prefix-local ones.
     */
    int order() default 0;
}
