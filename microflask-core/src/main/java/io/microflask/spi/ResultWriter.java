package io.microflask.spi;

import io.microflask.Request;
import io.microflask.Response;

import java.lang.reflect.Type;

/**
 * Turns a handler's return value into a {@link Response}, e.g. an object into JSON or a view into
 * HTML. Core handles {@code String}, {@code byte[]}, {@code Response} and {@code void}/{@code null}
 * itself, before any extension.
 */
public interface ResultWriter {

    /**
     * Whether this writer handles values of the declared return type. Asked once per route at
     * {@code register} with the method's declared type, and at run time with the value's class
     * when the declared type is too general (e.g. {@code Object}) to decide.
     */
    boolean canWrite(Class<?> rawType, Type genericType);

    /** Writes a non-null value into a response; the request tells e.g. what the client accepts. */
    Response write(Object value, Request request) throws Exception;
}
