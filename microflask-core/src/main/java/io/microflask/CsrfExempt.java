package io.microflask;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Turns CSRF protection off for one route (on a method) or for every route of a class (on the
 * class, e.g. a blueprint for webhooks), as Flask-WTF's {@code @csrf.exempt}. Use it for routes
 * that browsers never post to with the user's cookies, such as a payment provider's webhook that
 * authenticates with a signature. To turn the protection off for the whole app, call
 * {@code settings().csrfProtection(false)} instead.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface CsrfExempt {
}
