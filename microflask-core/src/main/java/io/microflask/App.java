package io.microflask;

import io.microflask.util.Version;

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
     * nothing is registered. A {@link Blueprint} among them is mounted at its own
     * {@link Blueprint#urlPrefix()}, as {@link #register(Blueprint, String)} mounts it.
     */
    public App register(Object... handlers) {
        List<Object> plain = new java.util.ArrayList<>();
        for (Object handler : handlers) {
            if (handler instanceof Blueprint blueprint) {
                if (!plain.isEmpty()) {
                    engine.register(plain);
                    plain = new java.util.ArrayList<>();
                }
                register(blueprint, blueprint.urlPrefix(), blueprint.name());
            } else {
                plain.add(handler);
            }
        }
        if (!plain.isEmpty() || handlers.length == 0) {
            engine.register(plain);
        }
        return this;
    }

    /**
     * Mounts a {@link Blueprint} at {@code prefix} (e.g. {@code "/admin"}, or {@code ""}), as
     * Flask's {@code app.register_blueprint(bp, url_prefix=...)}; its endpoints start with its name.
     * Checked as {@link #register(Object...)} is: on failure nothing is registered.
     */
    public App register(Blueprint blueprint, String prefix) {
        return register(blueprint, prefix, blueprint.name());
    }

    /**
     * Mounts a {@link Blueprint} at {@code prefix} under {@code name}: mounting the same blueprint a
     * second time needs a name of its own ({@code app.register(admin, "/staff", "staff")} makes
     * {@code staff.index} next to {@code admin.index}).
     */
    public App register(Blueprint blueprint, String prefix, String name) {
        engine.register(java.util.Objects.requireNonNull(blueprint, "blueprint"), prefix, name);
        return this;
    }

    /**
     * Makes {@code alias} another name of {@code endpoint} for {@link #urlFor}, as Flask's
     * {@code app.add_url_rule("/", endpoint="index")} next to the blueprint's {@code blog.index}:
     * {@code app.alias("index", "blog.index")}. The endpoint must exist when the alias is given.
     */
    public App alias(String alias, String endpoint) {
        engine.alias(alias, endpoint);
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

    /**
     * Adds a check that the readiness endpoint ({@link Settings#readinessPath()}, e.g.
     * {@code /readyz}) runs on each probe: it answers 200 only while every check returns normally,
     * 503 naming the check that threw, e.g.
     * {@code app.readinessCheck("database", () -> dataSource.getConnection().close())}. Checks run
     * on a handler thread, so they may block; keep them quick (the probe has a timeout of its own).
     * Names must be unique.
     */
    public App readinessCheck(String name, ReadinessCheck check) {
        engine.addReadinessCheck(name, check);
        return this;
    }

    /** The settings; change them before {@code start}/{@code run}. */
    public Settings settings() {
        return settings;
    }

    /**
     * The configuration, Flask's {@code app.config}: loaded when the app was created from
     * {@code microflask.properties} on the classpath, {@code instance/microflask.properties},
     * {@code .env} (debug mode only) and the {@code MICROFLASK_*} environment variables, each over
     * the one before; the values that name settings were set on {@link #settings()}. See
     * {@link Config}.
     */
    public Config config() {
        return engine.config();
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
     * {@code MICROFLASK_DEBUG} override the arguments.
     *
     * <p>{@code run} behaves like a {@code main}, as {@code flask run} does: when the server cannot
     * start (a {@link PortInUseException}, any other {@link ServerStartException}) it prints the
     * message, which says what to do, to standard error without a stack trace and exits the JVM
     * with status 1. Use {@link #start(String, int, boolean)} to get the exception instead.
     */
    public void run(String host, int port, boolean debug) {
        run(new String[0], host, port, debug);
    }

    /**
     * Like {@link #run(String, int, boolean)}, and the command line passed from {@code main} overrides
     * both the environment and the code: {@code --host H}, {@code --port N}, {@code --debug},
     * {@code --no-debug}. Other arguments are ignored. {@code --help} (or {@code -h}) prints the
     * options and environment variables and returns without starting anything. A bad value (say
     * {@code --port x}) prints what is wrong and exits with status 2.
     */
    public void run(String[] args, String host, int port, boolean debug) {
        engine.run(args, host, port, debug);
    }

    /**
     * A client that sends requests through the whole pipeline in this process, without a socket,
     * as Flask's {@code app.test_client()}.
     */
    public TestClient testClient() {
        return new TestClient(engine.testTransport(), engine.testSessions());
    }

    /** A test client whose cookies expire by {@code clock}: for tests of cookie expiry. */
    TestClient testClient(java.time.Clock clock) {
        return new TestClient(engine.testTransport(), engine.testSessions(), clock);
    }

    /**
     * Builds an app, as Flask's {@code create_app}: a static method reference such as
     * {@code NotesApp::create}, so that devtools can call it again, in a new class loader, after
     * every change of the sources (new handler classes, routes, hooks and settings all apply).
     * A lambda works too, if it captures nothing that must be renewed.
     */
    @FunctionalInterface
    public interface Factory extends java.io.Serializable {
        /** A new, fully registered app. */
        App create();
    }

    /**
     * The app's {@code main}, Flask's {@code flask} command: builds the app with {@code factory}
     * and runs the command the arguments name.
     * <ul>
     *   <li>{@code run} (the default, also when the first argument is an option): serves on
     *       127.0.0.1:5000 in production mode; {@code --host}, {@code --port}, {@code --debug},
     *       {@code --no-debug} as for {@link #run(String[], String, int, boolean)}; in debug mode
     *       devtools reloads by calling the factory again;</li>
     *   <li>{@code routes}: every route's methods, pattern, endpoint and handler, like {@code flask routes};</li>
     *   <li>{@code config}: every setting and configuration value and where it came from, secrets masked;</li>
     *   <li>the app's own {@link Command} methods, e.g. {@code init-db};</li>
     *   <li>{@code --help}: all of them.</li>
     * </ul>
     * An unknown command lists the existing ones and exits with status 2; a command's non-zero
     * status is the process's. Resources given to {@link #onClose} are closed when the command ends
     * or the server has stopped.
     *
     * <pre>{@code
     * public static void main(String[] args) {
     *     App.run(NotesApp::create, args);
     * }
     * }</pre>
     */
    public static void run(Factory factory, String[] args) {
        EngineLookup.FACTORY.run(factory, args);
    }

    /**
     * Builds an app with {@code factory} and remembers it, so that when the app is started in
     * debug mode devtools reloads by calling the factory again: for tests and embedding;
     * {@code main} uses {@link #run(Factory, String[])}.
     */
    public static App create(Factory factory) {
        return EngineLookup.FACTORY.create(factory);
    }

    /**
     * Closes {@code resource} (a connection pool, a client) when this app is done with it: when a
     * reload replaces the app with the factory's next one, when a command has run, or when
     * {@code run} returns after the server stopped. Close failures are logged.
     */
    public App onClose(AutoCloseable resource) {
        engine.onClose(java.util.Objects.requireNonNull(resource, "resource"));
        return this;
    }

    /**
     * Closes what was given to {@link #onClose} now, newest first, once: for tests and embedding,
     * where no {@code run} returns. Servers this app started are not stopped by it.
     */
    public void closeResources() {
        engine.closeResources();
    }

    /** The blueprints mounted on the app, in registration order. */
    public List<Blueprint.Mount> blueprints() {
        return engine.blueprints();
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

        /** See {@link App#register(Blueprint, String, String)}. */
        void register(Blueprint blueprint, String prefix, String name);

        /** See {@link App#alias}. */
        void alias(String alias, String endpoint);

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

        /** See {@link App#readinessCheck}. */
        void addReadinessCheck(String name, ReadinessCheck check);

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

        /** The session cookie codec a {@link TestClient} reads and sets the session with. */
        TestClient.Sessions testSessions();

        /** See {@link App#config()}. */
        Config config();

        /** See {@link App#onClose}. */
        void onClose(AutoCloseable resource);

        /** See {@link App#closeResources()}. */
        void closeResources();

        /** See {@link App#blueprints()}. */
        List<Blueprint.Mount> blueprints();
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

        /** See {@link App#run(Factory, String[])}. */
        void run(Factory factory, String[] args);

        /** See {@link App#create(Factory)}. */
        App create(Factory factory);
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
