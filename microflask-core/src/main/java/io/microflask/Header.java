package io.microflask;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Binds a handler parameter to a request header (case-insensitive), converted like {@link Query}.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.PARAMETER)
public @interface Header {
    /** The header's name, e.g. {@code "User-Agent"}. */
    String value();

    /** Used when the header is absent; {@link Query#NO_DEFAULT} means none. */
    String defaultValue() default Query.NO_DEFAULT;

    /** Whether an absent header (with no default) is a 400. */
    boolean required() default true;
}
