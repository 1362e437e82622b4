package io.microflask;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Like {@link TeardownRequest}, but for every request of the app, wherever the method is: Flask's
 * {@code @blueprint.teardown_app_request}. A {@link TeardownRequest} method in a blueprint (a
 * {@link Blueprint}, or a class with a {@code @Route} prefix) runs only for that blueprint's
 * routes; this one runs app-wide, in the app-wide group. It takes and returns what a
 * {@link TeardownRequest} method does.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface TeardownAppRequest {
    /**
     * Where this hook runs among the app-wide {@code @TeardownAppRequest} hooks of its class: lower first, as for
     * {@link TeardownRequest#order()}.
     */
    int order() default 0;
}
