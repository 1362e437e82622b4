package io.microflask;

import io.microflask.util.Version;

import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;

/**
 * A microflask application: register objects with {@link Route} methods, then {@link #run} it.
 *
 * <pre>{@code
 * new App().register(new HelloApp()).run("127.0.0.1", 5000, true);
 * }</pre>
 *
 * Extensions on the classpath (microflask-json, -render, -devtools) are installed when the app is
 * created, and the {@code MICROFLASK_*} environment variables are read then (see
 * {@link Settings}).
 */
public final class App {
    private final Settings settings = new Settings();
    private final Engine engine;

    /** An app with the extensions found on the classpath installed. */
    public App() {
        this(true);
    }

    private App(boolean discoverExtensions) {
        engine = EngineLookup.FACTORY.create(settings, discoverExtensions);
    }

    /** An app that installs only the extensions given to {@link #install}. */
    public static App withoutExtensionDiscovery() {
        return new App(false);
    }

    /**
     * Installs an extension (once; a second install of the same class is ignored). An extension
     * implements {@code Extension} of the extension SPI ({@code io.microflask.spi}); anything else
     * is an {@link IllegalArgumentException} naming its class.
     */
    public App install(Object extension) {
        engine.install(extension);
        return this;
    }

    /**
     * The installed extension of this type, or {@code null}: how an app configures an extension,
     * e.g. {@code app.extension(JsonExtension.class).configure(mapper -> ...)}.
     */
    public <E> E extension(Class<E> type) {
        return engine.extension(type);
    }

    /** The installed extensions, in installation order (each an SPI {@code Extension}). */
    public List<Object> extensions() {
        return engine.extensions();
    }

    /**
     * Registers the {@link Route}, {@link ErrorHandler}, {@link BeforeRequest}, {@link AfterRequest}
     * and {@link TeardownRequest} methods of each object. Everything that can be checked is
     * checked now: a handler that cannot be called as declared is an
     * {@link IllegalArgumentException} naming the class, the method and the parameter, and
     * nothing is registered.
     */
    public App register(Object... handlers) {
        engine.register(Arrays.asList(handlers));
        return this;
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
        return engine.urlFor(endpoint, values);
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
        engine.addBeforeRequest(prefix, hook);
        return this;
    }

    /** Runs {@code hook} after every request's handler, as Flask's {@code after_request}. */
    public App afterRequest(RequestHooks.After hook) {
        return afterRequest("", hook);
    }

    /** Runs {@code hook} after the handler of requests under {@code prefix}. */
    public App afterRequest(String prefix, RequestHooks.After hook) {
        engine.addAfterRequest(prefix, hook);
        return this;
    }

    /** Runs {@code hook} when every request ends, even after a failure, as Flask's {@code teardown_request}. */
    public App teardownRequest(RequestHooks.Teardown hook) {
        return teardownRequest("", hook);
    }

    /** Runs {@code hook} when requests under {@code prefix} end. */
    public App teardownRequest(String prefix, RequestHooks.Teardown hook) {
        engine.addTeardownRequest(prefix, hook);
        return this;
    }

    /** The registered objects, in registration order. */
    public List<Object> handlers() {
        return engine.handlers();
    }

    /** Every route, sorted by pattern, for listings (e.g. the debug banner) and tools. */
    public List<RouteInfo> routes() {
        return engine.routes();
    }

    /** Adds a path converter usable in patterns as {@code <name:var>}; before registering routes that use it. */
    public App converter(String name, Converter converter) {
        engine.converter(name, converter);
        return this;
    }

    /** The settings; change them before {@code start}/{@code run}. */
    public Settings settings() {
        return settings;
    }

    /** Whether the app runs in debug mode (set by {@code run}/{@code start}). */
    public boolean debug() {
        return engine.debug();
    }

    /** Sets debug mode; {@code run} and {@code start} set it from their argument. */
    public App debug(boolean debug) {
        engine.debug(debug);
        return this;
    }

    /** Whether an installed extension provides debug tooling (microflask-devtools). */
    public boolean hasDebugTools() {
        return engine.hasDebugTools();
    }

    /**
     * Starts a server and returns at once: for tests and embedding. Port 0 lets the OS pick a
     * free port; {@link RunningServer#port()} tells which.
     */
    public RunningServer start(String host, int port) {
        return start(host, port, false);
    }

    /**
     * Starts a server in the given mode and returns at once. A port that cannot be bound is a
     * {@link ServerStartException} (a {@link PortInUseException} when another process holds it)
     * whose message says what to do.
     *
     * <p>In production mode ({@code debug} false), an app that uses sessions (see
     * {@link Settings#usesSessions()}) with no secret key set does not start: a
     * {@link ServerStartException} names {@code MICROFLASK_SECRET_KEY} and how to generate one. In
     * debug mode it signs sessions with a development key kept in
     * {@link Settings#instancePath()}{@code /secret_key}.
     */
    public RunningServer start(String host, int port, boolean debug) {
        return engine.start(host, port, debug);
    }

    /**
     * Starts a server, logs the banner (mode, every URL it answers at, warnings) and blocks until
     * Ctrl+C or SIGTERM, then lets in-flight requests finish (within {@link Settings#shutdownTimeout()})
     * and returns. The environment variables {@code MICROFLASK_HOST}, {@code MICROFLASK_PORT} and
     * {@code MICROFLASK_DEBUG} override the arguments. A port in use is a
     * {@link PortInUseException}, any other failure to listen a {@link ServerStartException}, each
     * with a message that says what to do.
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
        engine.run(args, host, port, debug);
    }

    /**
     * A client that sends requests through the whole pipeline in this process, without a socket,
     * as Flask's {@code app.test_client()}.
     */
    public TestClient testClient() {
        return new TestClient(engine.testTransport());
    }

    /**
     * The WebSocket group {@code name}: its {@code send} reaches every connection that joined it
     * ({@link WebSocketConnection#join}), e.g. from a route handler that has just saved a note:
     * {@code app.webSocketGroup("notes").send(json)}.
     */
    public WebSocketGroup webSocketGroup(String name) {
        return engine.webSocketGroup(name);
    }

    /** microflask's version, from the jar's manifest when packaged. */
    public static String version() {
        return Version.current();
    }

    /**
     * What stands behind an {@code App}: registration, dispatch, the server and the run loop.
     * microflask-core implements it (found with {@link ServiceLoader}, so that this package, the
     * public API, depends on nothing behind it); applications never implement or call it.
     */
    public interface Engine {
        /** See {@link App#install}. */
        void install(Object extension);

        /** See {@link App#extension}. */
        <E> E extension(Class<E> type);

        /** See {@link App#extensions}. */
        List<Object> extensions();

        /** Adds handler objects; on failure nothing changes. */
        void register(List<?> handlers);

        /** See {@link App#urlFor(String, Map)}. */
        String urlFor(String endpoint, Map<String, ?> values);

        /** See {@link App#beforeRequest(String, RequestHooks.Before)}. */
        void addBeforeRequest(String prefix, RequestHooks.Before hook);

        /** See {@link App#afterRequest(String, RequestHooks.After)}. */
        void addAfterRequest(String prefix, RequestHooks.After hook);

        /** See {@link App#teardownRequest(String, RequestHooks.Teardown)}. */
        void addTeardownRequest(String prefix, RequestHooks.Teardown hook);

        /** See {@link App#handlers}. */
        List<Object> handlers();

        /** See {@link App#routes}. */
        List<RouteInfo> routes();

        /** See {@link App#converter}. */
        void converter(String name, Converter converter);

        /** See {@link App#debug()}. */
        boolean debug();

        /** See {@link App#debug(boolean)}. */
        void debug(boolean debug);

        /** See {@link App#hasDebugTools}. */
        boolean hasDebugTools();

        /** See {@link App#start(String, int, boolean)}. */
        RunningServer start(String host, int port, boolean debug);

        /** See {@link App#run(String[], String, int, boolean)}. */
        void run(String[] args, String host, int port, boolean debug);

        /** The in-process pipeline a {@link TestClient} sends its requests through. */
        TestClient.Transport testTransport();

        /** See {@link App#webSocketGroup}. */
        WebSocketGroup webSocketGroup(String name);
    }

    /** Makes the {@link Engine} of a new {@code App}; registered as a service by microflask-core. */
    public interface EngineFactory {
        /**
         * An engine over {@code settings} (which it first fills from the {@code MICROFLASK_*}
         * environment variables) that installs the extensions on the classpath when
         * {@code discoverExtensions} is set.
         */
        Engine create(Settings settings, boolean discoverExtensions);
    }

    /** Finds the engine factory once, through this class's own loader (not a reload loader). */
    private static final class EngineLookup {
        static final EngineFactory FACTORY = find();

        private static EngineFactory find() {
            Iterator<EngineFactory> found = ServiceLoader.load(EngineFactory.class, App.class.getClassLoader()).iterator();
            if (!found.hasNext()) {
                throw new IllegalStateException("microflask-core's engine was not found: the file "
                        + "META-INF/services/" + EngineFactory.class.getName() + " is missing from the classpath. "
                        + "If you build a single jar, keep the META-INF/services files of microflask-core "
                        + "(maven-shade: add the ServicesResourceTransformer).");
            }
            return found.next();
        }
    }
}
