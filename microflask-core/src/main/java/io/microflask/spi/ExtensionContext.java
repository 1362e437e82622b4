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

    /**
     * Devtools' reload of an app made by a factory ({@code App.run(MyApp::create, args)}): calls
     * the factory again with the classes of {@code loader} and swaps in everything the new app
     * registered, atomically; the replaced app's resources are then closed. Returns {@code false},
     * doing nothing, when the app was not made by a factory. Throws what the factory or the
     * registration threw, and then nothing has changed.
     */
    default boolean reloadApplication(ClassLoader loader) throws Exception {
        return false;
    }

    /**
     * The app's own classes, for finding its project: the registered objects', those of its
     * blueprints, and the factory's.
     */
    default List<Class<?>> applicationClasses() {
        List<Class<?>> classes = new java.util.ArrayList<>();
        for (Object handler : handlers()) {
            classes.add(handler.getClass());
        }
        return classes;
    }

    /**
     * The classpath folders of the mounted blueprints' own templates ({@code Blueprint.templateFolder}),
     * in the order a template renderer looks in them after the app's {@code templates/}: the order
     * the blueprints were registered, a nested blueprint right after its parent, each folder once.
     * Between registrations and reloads the same list object is returned, so a caller may cache by it.
     */
    default List<String> blueprintTemplateFolders() {
        return List.of();
    }
}
