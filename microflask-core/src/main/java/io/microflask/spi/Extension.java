package io.microflask.spi;

/**
 * An optional module that plugs into an {@link io.microflask.App}: microflask-json,
 * microflask-render and microflask-devtools are extensions.
 *
 * <p>Extensions on the classpath are found with {@link java.util.ServiceLoader} (a file
 * {@code META-INF/services/io.microflask.spi.Extension} naming the class) when the app is
 * created, so that adding the dependency is all a user does; an app may also call
 * {@link io.microflask.App#install(Extension)}. Each extension is installed once.
 *
 * <p>Installation happens before any handler is registered, so that what an extension adds
 * (return-value writers, parameter resolvers) is taken into account when {@code register}
 * checks a handler.
 */
public interface Extension {

    /** A short name for logs and messages, e.g. {@code "microflask-json"}. */
    String name();

    /**
     * Where this extension's writers and renderers go relative to others: lower first. Writers
     * for specific types (a template view) should come before catch-all ones (any object as
     * JSON), which use {@link #LAST}.
     */
    default int order() {
        return 0;
    }

    /** Adds this extension's parts to the app. */
    void install(ExtensionRegistry registry);

    /** The order of catch-all extensions. */
    int LAST = 1000;
}
