package io.microflask;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Maps HTTP requests to a public method, as Flask's {@code @app.route} does.
 *
 * <p>Paths use Flask's syntax: {@code /users/<int:id>}, with the converters {@code string} (the
 * default), {@code int}, {@code float}, {@code path} and {@code uuid}. On a class, the value is a
 * prefix for every route of the class (Flask's blueprints); the class-level {@code methods} are
 * ignored.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface Route {
    /** The path pattern, e.g. {@code "/users/<int:id>"}. */
    String value();

    /** HTTP methods this route answers; GET by default (HEAD and OPTIONS come with it). */
    String[] methods() default {"GET"};

    /**
     * The endpoint name used by {@code url_for}; by default {@code ClassName.methodName} with the
     * class name's first letter in lower case, e.g. {@code notesApp.index}. On a class, the
     * endpoint prefix used instead of the class name.
     */
    String endpoint() default "";

    /**
     * The largest request body this route accepts, in bytes, instead of
     * {@code settings().maxBodySize()}: e.g. {@code @Route(value = "/upload", methods = "POST",
     * maxBodySize = 2L << 30)} for uploads of up to 2 GiB while every other route keeps the small
     * default. Checked as the body arrives, before the handler runs; the body goes to a temporary
     * file, not memory. Uploaded files of such a route may be as large as the body, whatever
     * {@code settings().maxFileSize()} says. -1 (the default) means the app-wide setting. Ignored
     * on a class.
     */
    long maxBodySize() default -1;
}
