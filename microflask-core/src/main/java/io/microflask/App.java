package io.microflask;

import io.microflask.routing.Converter;
import io.microflask.routing.Converters;
import io.microflask.run.Banner;
import io.microflask.run.FreePortFallback;
import io.microflask.run.RunOptions;
import io.microflask.run.ShutdownSignals;
import io.microflask.server.NettyServer;
import io.microflask.session.SignedCookieSessions;
import io.microflask.staticfiles.StaticFiles;
import io.microflask.spi.ErrorRenderer;
import io.microflask.spi.Extension;
import io.microflask.spi.ExtensionRegistry;
import io.microflask.spi.LifecycleListener;
import io.microflask.spi.ParameterResolver;
import io.microflask.spi.ResponseFilter;
import io.microflask.spi.ResultWriter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A microflask application: register objects with {@link Route} methods, then {@link #run} it.
 *
 * <pre>{@code
 * new App().register(new HelloApp()).run("127.0.0.1", 5000, true);
 * }</pre>
 *
 * Extensions on the classpath (microflask-json, -render, -devtools) are installed when the app is
 * created.
 */
public final class App {
    private static final Logger log = LoggerFactory.getLogger(App.class);

    private final Settings settings = new Settings();
    private final Converters converters = new Converters();
    private final List<Extension> extensions = new ArrayList<>();
    private final List<Ordered<ResultWriter>> writers = new CopyOnWriteArrayList<>();
    private final List<Ordered<ParameterResolver>> resolvers = new CopyOnWriteArrayList<>();
    private final List<Ordered<ErrorRenderer>> renderers = new CopyOnWriteArrayList<>();
    private final List<LifecycleListener> lifecycleListeners = new CopyOnWriteArrayList<>();
    private final List<Ordered<ResponseFilter>> filters = new CopyOnWriteArrayList<>();
    private final List<String> parameterHints = new CopyOnWriteArrayList<>();
    private volatile List<ResultWriter> writerView = List.of();
    private volatile List<ParameterResolver> resolverView = List.of();
    private volatile List<ErrorRenderer> rendererView = List.of();
    private volatile List<ResponseFilter> filterView = List.of();
    private final List<Object> registered = new ArrayList<>();
    private final Dispatcher dispatcher = new Dispatcher(this);
    private volatile RouteTable routeTable = new RouteTable();
    private volatile boolean debug;
    private boolean debugTools;
    private final SignedCookieSessions sessions = new SignedCookieSessions(settings);
    private final StaticFiles staticFiles = new StaticFiles(settings, classLoader());
    private final List<RequestHooks.Scoped<RequestHooks.Before>> beforeHooks = new CopyOnWriteArrayList<>();
    private final List<RequestHooks.Scoped<RequestHooks.After>> afterHooks = new CopyOnWriteArrayList<>();
    private final List<RequestHooks.Scoped<RequestHooks.TeardownHook>> teardownHooks = new CopyOnWriteArrayList<>();

    /** An app with the extensions found on the classpath installed. */
    public App() {
        this(true);
    }

    private App(boolean discoverExtensions) {
        if (discoverExtensions) {
            ServiceLoader<Extension> loader = ServiceLoader.load(Extension.class, classLoader());
            List<Extension> found = new ArrayList<>();
            for (Extension extension : loader) {
                found.add(extension);
            }
            found.sort(Comparator.comparingInt(Extension::order));
            for (Extension extension : found) {
                install(extension);
            }
        }
        // Built-in routes (static files) are there even before anything is registered.
        replaceHandlers(List.of());
    }

    /** An app that installs only the extensions given to {@link #install}. */
    public static App withoutExtensionDiscovery() {
        return new App(false);
    }

    private static ClassLoader classLoader() {
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        return context != null ? context : App.class.getClassLoader();
    }

    /** Installs an extension (once; a second install of the same class is ignored). */
    public synchronized App install(Extension extension) {
        for (Extension installed : extensions) {
            if (installed.getClass() == extension.getClass()) {
                return this;
            }
        }
        extensions.add(extension);
        int order = extension.order();
        extension.install(new ExtensionRegistry() {
            @Override
            public App app() {
                return App.this;
            }

            @Override
            public void addResultWriter(ResultWriter writer) {
                writers.add(new Ordered<>(order, writers.size(), writer));
                writerView = sorted(writers);
            }

            @Override
            public void addParameterResolver(ParameterResolver resolver) {
                resolvers.add(new Ordered<>(order, resolvers.size(), resolver));
                resolverView = sorted(resolvers);
            }

            @Override
            public void addErrorRenderer(ErrorRenderer renderer) {
                renderers.add(new Ordered<>(order, renderers.size(), renderer));
                rendererView = sorted(renderers);
            }

            @Override
            public void addLifecycleListener(LifecycleListener listener) {
                lifecycleListeners.add(listener);
            }

            @Override
            public void addResponseFilter(ResponseFilter filter) {
                filters.add(new Ordered<>(order, filters.size(), filter));
                filterView = sorted(filters);
            }

            @Override
            public void providesDebugTools() {
                debugTools = true;
            }
        });
        log.debug("installed extension {}", extension.name());
        if (!registered.isEmpty()) {
            // What the extension adds may change how registered handlers bind and write.
            replaceHandlers(new ArrayList<>(registered));
        }
        return this;
    }

    /** The installed extension of this type, or {@code null}: how an extension finds its own settings. */
    public synchronized <E extends Extension> E extension(Class<E> type) {
        for (Extension installed : extensions) {
            if (type.isInstance(installed)) {
                return type.cast(installed);
            }
        }
        return null;
    }

    /** The installed extensions, in order. */
    public synchronized List<Extension> extensions() {
        return List.copyOf(extensions);
    }

    /**
     * Registers the {@link Route}, {@link ErrorHandler}, {@link BeforeRequest}, {@link AfterRequest}
     * and {@link Teardown} methods of each object. Everything
     * that can be checked is checked now: a handler that cannot be called as declared is an
     * {@link IllegalArgumentException} naming the class, the method and the parameter.
     */
    public synchronized App register(Object... handlers) {
        List<Object> all = new ArrayList<>(registered);
        for (Object handler : handlers) {
            if (handler == null) {
                throw new IllegalArgumentException("register(null): pass an object with @Route methods");
            }
            all.add(handler);
        }
        replaceHandlers(all);
        return this;
    }

    /**
     * Replaces every registered object with these, building the new routes completely before
     * swapping them in, so that each request sees either the old routes or the new. Devtools uses
     * this to load reloaded classes; on failure nothing changes.
     */
    public synchronized void replaceHandlers(List<?> handlers) {
        RouteTable table = new RouteTable();
        Registration registration = new Registration(this);
        for (Object handler : handlers) {
            registration.register(handler, table);
        }
        registerStaticFiles(registration, table);
        routeTable = table;
        registered.clear();
        registered.addAll(handlers);
    }

    private void registerStaticFiles(Registration registration, RouteTable table) {
        if (!settings.serveStaticFiles()) {
            return;
        }
        try {
            registration.register(staticFiles, table);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(e.getMessage() + ". The app serves /static/<path:filename> as the "
                    + "endpoint 'static'; to serve static files yourself, call settings().serveStaticFiles(false) "
                    + "before register", e);
        }
    }

    /**
     * The URL path of an endpoint, as Flask's {@code url_for}: path variables are filled from
     * {@code values} through their converters, and the other values become the query string
     * (a collection gives a repeated argument; use a {@code LinkedHashMap} to fix their order).
     *
     * <pre>{@code
     * app.urlFor("users.show", Map.of("id", 42, "tab", "posts"))   // "/users/42?tab=posts"
     * app.urlFor("static", Map.of("filename", "css/site.css"))     // "/static/css/site.css"
     * }</pre>
     *
     * @throws IllegalArgumentException for an unknown endpoint, a missing variable or a value its
     *                                  converter refuses, naming the endpoint and the route
     */
    public String urlFor(String endpoint, Map<String, ?> values) {
        return UrlBuilder.build(routeTable, endpoint, values);
    }

    /** The URL of an endpoint without variables, e.g. {@code urlFor("notesApp.index")}. */
    public String urlFor(String endpoint) {
        return urlFor(endpoint, Map.of());
    }

    /**
     * Runs {@code hook} before every request's handler, as Flask's {@code before_request}; a
     * non-null result answers the request instead. Hooks registered in code run before annotated ones.
     */
    public App beforeRequest(RequestHooks.Before hook) {
        return beforeRequest("", hook);
    }

    /** Runs {@code hook} before the handler of requests under {@code prefix}, e.g. {@code "/admin"}. */
    public App beforeRequest(String prefix, RequestHooks.Before hook) {
        beforeHooks.add(new RequestHooks.Scoped<>(hookPrefix(prefix), hook, "beforeRequest hook " + hook));
        return this;
    }

    /** Runs {@code hook} after every request's handler, as Flask's {@code after_request}. */
    public App afterRequest(RequestHooks.After hook) {
        return afterRequest("", hook);
    }

    /** Runs {@code hook} after the handler of requests under {@code prefix}. */
    public App afterRequest(String prefix, RequestHooks.After hook) {
        afterHooks.add(new RequestHooks.Scoped<>(hookPrefix(prefix), hook, "afterRequest hook " + hook));
        return this;
    }

    /** Runs {@code hook} when every request ends, even after a failure, as Flask's {@code teardown_request}. */
    public App teardownRequest(RequestHooks.TeardownHook hook) {
        return teardownRequest("", hook);
    }

    /** Runs {@code hook} when requests under {@code prefix} end. */
    public App teardownRequest(String prefix, RequestHooks.TeardownHook hook) {
        teardownHooks.add(new RequestHooks.Scoped<>(hookPrefix(prefix), hook, "teardownRequest hook " + hook));
        return this;
    }

    private static String hookPrefix(String prefix) {
        if (prefix == null || !(prefix.isEmpty() || prefix.startsWith("/"))) {
            throw new IllegalArgumentException("a hook's prefix is \"\" (app-wide) or a path starting with '/', got '"
                    + prefix + "'");
        }
        return prefix.length() > 1 && prefix.endsWith("/") ? prefix.substring(0, prefix.length() - 1) : prefix;
    }

    List<RequestHooks.Scoped<RequestHooks.Before>> beforeHooks() {
        return beforeHooks;
    }

    List<RequestHooks.Scoped<RequestHooks.After>> afterHooks() {
        return afterHooks;
    }

    List<RequestHooks.Scoped<RequestHooks.TeardownHook>> teardownHooks() {
        return teardownHooks;
    }

    /** Opens and saves sessions for requests. */
    SignedCookieSessions sessions() {
        return sessions;
    }

    /** The registered objects, in registration order. */
    public synchronized List<Object> handlers() {
        return List.copyOf(registered);
    }

    /** Every route, for listings (e.g. the debug banner) and tools. */
    public List<RouteInfo> routes() {
        List<RouteInfo> infos = new ArrayList<>();
        for (PreparedRoute route : routeTable.endpoints().values()) {
            infos.add(route.info());
        }
        infos.sort(Comparator.comparing(RouteInfo::pattern).thenComparing(RouteInfo::endpoint));
        return infos;
    }

    /** Adds a path converter usable in patterns as {@code <name:var>}; before registering routes that use it. */
    public App converter(String name, Converter converter) {
        converters.add(name, converter);
        return this;
    }

    public Converters converters() {
        return converters;
    }

    /** The settings; change them before {@code start}/{@code run}. */
    public Settings settings() {
        return settings;
    }

    /** Whether the app runs in debug mode (set by {@code run}/{@code start}). */
    public boolean debug() {
        return debug;
    }

    /** Sets debug mode; {@code run} and {@code start} set it from their argument. */
    public App debug(boolean debug) {
        this.debug = debug;
        return this;
    }

    /** Whether an installed extension provides debug tooling (microflask-devtools). */
    public boolean hasDebugTools() {
        return debugTools;
    }

    /**
     * Starts a server and returns at once: for tests and embedding. Port 0 lets the OS pick a
     * free port; {@link RunningServer#port()} tells which.
     */
    public RunningServer start(String host, int port) {
        return start(host, port, false);
    }

    /** Starts a server in the given mode and returns at once. */
    public RunningServer start(String host, int port, boolean debug) {
        this.debug = debug;
        if (debug && !debugTools) {
            log.warn("debug mode is on, but microflask-devtools is not on the classpath: there is no reload and "
                    + "no detailed error page. Add it to your pom:\n"
                    + "    <dependency>\n      <groupId>io.microflask</groupId>\n"
                    + "      <artifactId>microflask-devtools</artifactId>\n      <version>" + version()
                    + "</version>\n    </dependency>");
        }
        RunningServer server = FreePortFallback.start(settings, port,
                chosenPort -> NettyServer.start(this, host, chosenPort, debug));
        for (LifecycleListener listener : lifecycleListeners) {
            listener.started(this, server, debug);
        }
        return server;
    }

    /**
     * Starts a server, logs the banner (mode, every URL it answers at, warnings) and blocks until
     * Ctrl+C or SIGTERM, then lets in-flight requests finish (within {@link Settings#shutdownTimeout()})
     * and returns. The environment variables {@code MICROFLASK_HOST}, {@code MICROFLASK_PORT} and
     * {@code MICROFLASK_DEBUG} override the arguments (see {@link RunOptions}). A port in use is a
     * {@link io.microflask.run.PortInUseException}, any other failure to listen a
     * {@link io.microflask.run.ServerStartException}, each with a message that says what to do.
     */
    public void run(String host, int port, boolean debug) {
        run(new String[0], host, port, debug);
    }

    /**
     * Like {@link #run(String, int, boolean)}, and the command line passed from {@code main} overrides
     * both the environment and the code: {@code --host H}, {@code --port N}, {@code --debug},
     * {@code --no-debug}. Other arguments are ignored.
     */
    public void run(String[] args, String host, int port, boolean debug) {
        run(RunOptions.resolve(args, System.getenv(), host, port, debug));
    }

    /** Runs with options already resolved (see {@link RunOptions#resolve}). */
    public void run(RunOptions options) {
        RunningServer server = start(options.host(), options.port(), options.debug());
        Thread hook = new Thread(() -> {
            log.info("shutting down: no new connections; waiting for requests in flight");
            server.close();
        }, "microflask-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        // Before the banner: whoever reads "Press Ctrl+C" may press it at once, and must get a clean stop.
        ShutdownSignals signals = ShutdownSignals.install(server, settings.shutdownTimeout());
        Banner.print(server, settings, options);
        try {
            server.awaitTermination();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            server.close();
        } finally {
            signals.close();
        }
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // The JVM is already shutting down; the hook has run or is running.
        }
    }

    /** A client that sends requests through the whole pipeline in this process, without a socket. */
    public TestClient testClient() {
        return new TestClient(this);
    }

    /** The dispatcher the server hands requests to. */
    public Dispatcher dispatcher() {
        return dispatcher;
    }

    /** Notifies lifecycle listeners that a server is stopping. */
    public void fireStopping() {
        for (LifecycleListener listener : lifecycleListeners) {
            try {
                listener.stopping(this);
            } catch (RuntimeException e) {
                log.warn("lifecycle listener {} failed while stopping", listener, e);
            }
        }
    }

    RouteTable routeTable() {
        return routeTable;
    }

    List<ResultWriter> resultWriters() {
        return writerView;
    }

    List<ParameterResolver> parameterResolvers() {
        return resolverView;
    }

    List<ErrorRenderer> errorRenderers() {
        return rendererView;
    }

    List<ResponseFilter> responseFilters() {
        return filterView;
    }

    List<String> providedParameterHints() {
        return parameterHints;
    }

    /** Lets an extension name the parameter types it provides, for register-time error messages. */
    public void describeProvidedParameter(String description) {
        parameterHints.add(description);
    }

    ResultWriter findWriter(Class<?> rawType, Type genericType) {
        if (rawType == Object.class || rawType == void.class || rawType == Void.class || rawType == String.class
                || rawType == CharSequence.class || rawType == byte[].class || rawType == Response.class) {
            return null;
        }
        for (ResultWriter writer : writerView) {
            if (writer.canWrite(rawType, genericType)) {
                return writer;
            }
        }
        return null;
    }

    /** microflask's version, from the jar's manifest when packaged. */
    public static String version() {
        String version = App.class.getPackage().getImplementationVersion();
        return version != null ? version : "0.1.0";
    }

    private static <T> List<T> sorted(List<Ordered<T>> items) {
        List<Ordered<T>> copy = new ArrayList<>(items);
        copy.sort(Comparator.comparingInt((Ordered<T> o) -> o.order).thenComparingInt(o -> o.sequence));
        List<T> result = new ArrayList<>(copy.size());
        for (Ordered<T> o : copy) {
            result.add(o.item);
        }
        return List.copyOf(result);
    }

    private record Ordered<T>(int order, int sequence, T item) {
    }
}
