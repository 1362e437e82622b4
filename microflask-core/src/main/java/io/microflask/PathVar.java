package io.microflask;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Binds a handler parameter to a path variable by an explicit name. Without it, a parameter is
 * bound by its own name, which needs the class compiled with {@code -parameters}.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.PARAMETER)
public @interface PathVar {
    /** The variable's name in the route pattern, e.g. {@code "id"} for {@code <int:id>}. */
    String value();
}
