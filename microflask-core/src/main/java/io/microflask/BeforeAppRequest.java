package io.microflask;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Like {@link BeforeRequest}, but for every request of the app, wherever the method is: Flask's
 * {@code @blueprint.before_app_request}. A {@link BeforeRequest} method in a blueprint (a
 * {@link Blueprint}, or a class with a {@code @Route} prefix) runs only for that blueprint's
 * routes; this one runs app-wide, in the app-wide group. It takes and returns what a
 * {@link BeforeRequest} method does.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface BeforeAppRequest {
    /**
     * Where this hook runs among the app-wide {@code @BeforeAppRequest} hooks of its class: lower first, as for
     * {@link BeforeRequest#order()}.
     */
    int order() default 0;
}
