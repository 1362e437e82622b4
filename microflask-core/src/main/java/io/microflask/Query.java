package io.microflask;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Binds a handler parameter to a query-string argument, converted to the parameter's type
 * ({@code String}, primitives and their wrappers, {@code UUID}, enums, {@code Optional<T>},
 * {@code List<T>} for repeated arguments). A value that does not convert answers 400 naming the
 * parameter; a missing argument without a default answers 400 unless the type is
 * {@code Optional}, {@code List} or a nullable wrapper type marked {@code required = false}.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.PARAMETER)
public @interface Query {
    /** The argument's name; the parameter's own name when empty. */
    String value() default "";

    /** Used when the argument is absent; {@link #NO_DEFAULT} means none. */
    String defaultValue() default NO_DEFAULT;

    /** Whether an absent argument (with no default) is a 400. */
    boolean required() default true;

    /** Marker for "no default value": a string no client sends by accident. */
    String NO_DEFAULT = "\u0000microflask:no-default\u0000";
}
