package io.microflask.spi;

import io.microflask.RouteInfo;
import io.microflask.Settings;

import java.util.List;

/**
 * The app as an extension sees it, for as long as the app lives: what devtools needs to reload
 * handlers and to decide what a client may see. Everything else an extension does goes through
 * the public API and the objects it registered.
 */
public interface ExtensionContext {

    /** The app's settings. */
    Settings settings();

    /** Whether the app runs in debug mode now. */
    boolean debug();

    /** The registered handler objects, in registration order. */
    List<Object> handlers();

    /** Registers one more handler object, as {@code App.register} does. */
    void register(Object handler);

    /**
     * Replaces every registered object with these, building the new routes completely before
     * swapping them in, so that each request sees either the old routes or the new; on failure
     * (an {@link IllegalArgumentException} naming the method) nothing changes.
     */
    void replaceHandlers(List<?> handlers);

    /** Every route, sorted by pattern. */
    List<RouteInfo> routes();
}
