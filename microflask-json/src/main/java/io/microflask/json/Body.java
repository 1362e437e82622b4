package io.microflask.json;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks the handler parameter read from the request's JSON body, converted to the parameter's
 * declared type (generics included: {@code @Body List<Note> notes}).
 *
 * <pre>{@code
 * @Route(value = "/notes", methods = "POST")
 * public JsonResponse<Note> create(@Body NewNote note) { ... }
 * }</pre>
 *
 * <p>A body whose Content-Type is not JSON is answered 415, malformed JSON 400 with the line and
 * column, a value of the wrong type 400 naming the field. A parameter of type
 * {@code Optional<T>} is never required.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.PARAMETER)
public @interface Body {

    /**
     * Whether a request without a body is answered 400 (the default). When {@code false}, the
     * parameter is {@code null} for an empty body.
     */
    boolean required() default true;
}
