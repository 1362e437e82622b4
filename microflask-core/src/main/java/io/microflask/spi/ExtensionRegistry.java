package io.microflask.spi;

import io.microflask.App;

/** What an {@link Extension} may add to an app while it is installed. */
public interface ExtensionRegistry {

    /** The app being extended: its settings, and for devtools its routes. */
    App app();

    /** Adds a writer for handler return values. */
    void addResultWriter(ResultWriter writer);

    /** Adds a resolver for handler parameters. */
    void addParameterResolver(ParameterResolver resolver);

    /** Adds a renderer for error answers (status pages, exceptions). */
    void addErrorRenderer(ErrorRenderer renderer);

    /** Adds a listener told when a server starts and stops. */
    void addLifecycleListener(LifecycleListener listener);

    /** Adds a filter that sees every answer before it is sent (e.g. to inject a script). */
    void addResponseFilter(ResponseFilter filter);

    /**
     * Declares that this extension provides debug tooling (reload, detailed error pages); without
     * one, {@code debug = true} logs a warning saying which dependency to add.
     */
    void providesDebugTools();
}
