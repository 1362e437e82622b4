package io.microflask;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Binds a handler parameter to a form field of an {@code application/x-www-form-urlencoded} or
 * {@code multipart/form-data} body, converted exactly as {@link Query} converts a query argument
 * ({@code String}, numbers, booleans, {@code UUID}, dates, enums, {@code Optional<T>},
 * {@code List<T>} for repeated fields). A missing field answers 400 naming it, as Flask's
 * {@code request.form["title"]} does, unless a default is given, {@code required = false} on a
 * nullable type, or the type is {@code Optional} or {@code List}. On an {@link UploadedFile}
 * parameter it names the file field.
 *
 * <pre>{@code
 * @Route(value = "/create", methods = {"POST"})
 * public Response create(@Form("title") String title, @Form(value = "body", defaultValue = "") String body) { ... }
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.PARAMETER)
public @interface Form {
    /** The field's name; the parameter's own name when empty. */
    String value() default "";

    /** Used when the field is absent; {@link Query#NO_DEFAULT} means none. */
    String defaultValue() default Query.NO_DEFAULT;

    /** Whether an absent field (with no default) is a 400. */
    boolean required() default true;
}
