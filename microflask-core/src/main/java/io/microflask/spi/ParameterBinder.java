package io.microflask.spi;

import io.microflask.Request;

/**
 * Produces one parameter's value for one request. Throw {@link io.microflask.HttpException}
 * (e.g. 400 naming the parameter) when the request cannot supply it.
 */
@FunctionalInterface
public interface ParameterBinder {

    /** The value of the parameter for {@code request}. */
    Object bind(Request request) throws Exception;
}
