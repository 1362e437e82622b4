package io.microflask.dispatch;

import io.microflask.RequestHooks;
import io.microflask.spi.ErrorRenderer;
import io.microflask.spi.Extension;
import io.microflask.spi.ExtensionContext;
import io.microflask.spi.ExtensionRegistry;
import io.microflask.spi.LifecycleListener;
import io.microflask.spi.ServerObserver;
import io.microflask.spi.ParameterResolver;
import io.microflask.spi.ResponseFilter;
import io.microflask.spi.ResultWriter;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** The installed extensions and everything they contributed, each kind in its order. */
final class Extensions {
    // Read on every request that looks an extension up (e.g. Json.body), so readers take no lock.
    private final List<Extension> installed = new CopyOnWriteArrayList<>();
    private final Contributions<ResultWriter> writers = new Contributions<>();
    private final Contributions<ParameterResolver> resolvers = new Contributions<>();
    private final Contributions<ErrorRenderer> renderers = new Contributions<>();
    private final Contributions<ResponseFilter> filters = new Contributions<>();
    private final Contributions<ScopedHook<RequestHooks.Before>> beforeHooks = new Contributions<>();
    private final List<LifecycleListener> listeners = new CopyOnWriteArrayList<>();
    private final List<ServerObserver> observers = new CopyOnWriteArrayList<>();
    private final List<String> parameterHints = new CopyOnWriteArrayList<>();
    private volatile boolean debugTools;

    /**
     * Installs {@code extension} unless one of its class is installed; returns whether it was.
     * {@code context} is what the extension keeps of the app.
     */
    synchronized boolean install(Extension extension, ExtensionContext context) {
        for (Extension present : installed) {
            if (present.getClass() == extension.getClass()) {
                return false;
            }
        }
        installed.add(extension);
        extension.install(new Registry(extension, context));
        return true;
    }

    <E> E find(Class<E> type) {
        for (Extension present : installed) {
            if (type.isInstance(present)) {
                return type.cast(present);
            }
        }
        return null;
    }

    List<Extension> installed() {
        return List.copyOf(installed);
    }

    List<ResultWriter> resultWriters() {
        return writers.items();
    }

    List<ParameterResolver> parameterResolvers() {
        return resolvers.items();
    }

    List<ErrorRenderer> errorRenderers() {
        return renderers.items();
    }

    List<ResponseFilter> responseFilters() {
        return filters.items();
    }

    /** The extensions' before-request hooks: app-wide, ahead of the application's own. */
    List<ScopedHook<RequestHooks.Before>> beforeHooks() {
        return beforeHooks.items();
    }

    List<LifecycleListener> lifecycleListeners() {
        return listeners;
    }

    List<ServerObserver> serverObservers() {
        return observers;
    }

    List<String> providedParameterHints() {
        return parameterHints;
    }

    boolean hasDebugTools() {
        return debugTools;
    }

    /** What one extension sees while it installs. */
    private final class Registry implements ExtensionRegistry {
        private final Extension extension;
        private final ExtensionContext context;

        Registry(Extension extension, ExtensionContext context) {
            this.extension = extension;
            this.context = context;
        }

        @Override
        public ExtensionContext app() {
            return context;
        }

        @Override
        public int defaultOrder() {
            return extension.order();
        }

        @Override
        public void addResultWriter(ResultWriter writer, int order) {
            writers.add(order, writer);
        }

        @Override
        public void addParameterResolver(ParameterResolver resolver, int order) {
            resolvers.add(order, resolver);
        }

        @Override
        public void addErrorRenderer(ErrorRenderer renderer, int order) {
            renderers.add(order, renderer);
        }

        @Override
        public void addResponseFilter(ResponseFilter filter, int order) {
            filters.add(order, filter);
        }

        @Override
        public void addBeforeRequest(RequestHooks.Before hook, int order) {
            beforeHooks.add(order, new ScopedHook<>(HookScope.APP_WIDE, hook,
                    extension.name() + " before-request hook " + hook));
        }

        @Override
        public void addLifecycleListener(LifecycleListener listener) {
            listeners.add(listener);
        }

        @Override
        public void addServerObserver(ServerObserver observer) {
            observers.add(observer);
        }

        @Override
        public void describeProvidedParameter(String description) {
            parameterHints.add(description);
        }

        @Override
        public void providesDebugTools() {
            debugTools = true;
        }
    }
}
