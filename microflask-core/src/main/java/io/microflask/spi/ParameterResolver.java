package io.microflask.spi;

import io.microflask.RouteInfo;

import java.lang.reflect.Parameter;

/**
 * Fills handler parameters that core does not know, e.g. a JSON body or the session. Asked once
 * per parameter at {@code register}: returning a binder claims the parameter, returning
 * {@code null} leaves it to others, throwing {@link IllegalArgumentException} rejects the handler
 * with the exception's message.
 */
public interface ParameterResolver {

    /** A binder for {@code parameter} of {@code route}'s handler, or {@code null} to leave it to others. */
    ParameterBinder resolve(Parameter parameter, RouteInfo route);
}
