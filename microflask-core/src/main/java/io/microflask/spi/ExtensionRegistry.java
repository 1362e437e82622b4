package io.microflask.spi;

import io.microflask.RequestHooks;

/**
 * What an {@link Extension} may add to an app while it is installed. Each contribution is placed
 * by its order, lower first: the extension's {@link Extension#order()} unless given explicitly,
 * so one extension can put its writer last and its error renderer first.
 */
public interface ExtensionRegistry {

    /** The app as extensions see it: settings, mode, handlers and routes. Keep it for later use. */
    ExtensionContext app();

    /** Adds a writer for handler return values, at the extension's order. */
    default void addResultWriter(ResultWriter writer) {
        addResultWriter(writer, defaultOrder());
    }

    /** Adds a writer for handler return values at {@code order}. */
    void addResultWriter(ResultWriter writer, int order);

    /** Adds a resolver for handler parameters, at the extension's order. */
    default void addParameterResolver(ParameterResolver resolver) {
        addParameterResolver(resolver, defaultOrder());
    }

    /** Adds a resolver for handler parameters at {@code order}. */
    void addParameterResolver(ParameterResolver resolver, int order);

    /** Adds a renderer for error answers (status pages, exceptions), at the extension's order. */
    default void addErrorRenderer(ErrorRenderer renderer) {
        addErrorRenderer(renderer, defaultOrder());
    }

    /** Adds a renderer for error answers at {@code order}. */
    void addErrorRenderer(ErrorRenderer renderer, int order);

    /** Adds a filter that sees every answer before it is sent (e.g. to inject a script), at the extension's order. */
    default void addResponseFilter(ResponseFilter filter) {
        addResponseFilter(filter, defaultOrder());
    }

    /** Adds a response filter at {@code order}. */
    void addResponseFilter(ResponseFilter filter, int order);

    /**
     * Adds an app-wide before-request hook that runs ahead of every hook the application
     * registers, in extension order; a non-null result answers the request.
     */
    default void addBeforeRequest(RequestHooks.Before hook) {
        addBeforeRequest(hook, defaultOrder());
    }

    /** Adds an app-wide before-request hook at {@code order}. */
    void addBeforeRequest(RequestHooks.Before hook, int order);

    /** Adds a listener told when a server starts and stops. */
    void addLifecycleListener(LifecycleListener listener);

    /** Adds an observer told of every answered request and refused connection (metrics). */
    void addServerObserver(ServerObserver observer);

    /**
     * Names a kind of handler parameter this extension provides, e.g. {@code "@Body T (microflask-json)"},
     * so that the error for a parameter nothing can bind lists it.
     */
    void describeProvidedParameter(String description);

    /**
     * Declares that this extension provides debug tooling (reload, detailed error pages); without
     * one, {@code debug = true} logs a warning saying which dependency to add.
     */
    void providesDebugTools();

    /** The order contributions get when none is given: the installing extension's {@link Extension#order()}. */
    int defaultOrder();
}
