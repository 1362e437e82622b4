package io.microflask;

import io.microflask.dispatch.AppRuntime;
import io.microflask.run.Banner;
import io.microflask.run.BindFailures;
import io.microflask.run.Environment;
import io.microflask.run.FreePortFallback;
import io.microflask.run.Ports;
import io.microflask.run.RunOptions;
import io.microflask.run.SecretKeys;
import io.microflask.run.ShutdownSignals;
import io.microflask.server.InProcessExchange;
import io.microflask.server.NettyServer;
import io.microflask.spi.Extension;
import io.microflask.testing.TestClient;
import io.microflask.util.Version;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

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
    private static final Logger log = LoggerFactory.getLogger(App.class);

    private final Settings settings = new Settings();
    private final AppRuntime runtime;

    /** An app with the extensions found on the classpath installed. */
    public App() {
        this(true);
    }

    private App(boolean discoverExtensions) {
        Environment.system().applyTo(settings);
        ClassLoader classLoader = classLoader();
        runtime = new AppRuntime(settings, classLoader);
        if (discoverExtensions) {
            runtime.discoverExtensions(classLoader);
        }
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
    public App install(Extension extension) {
        runtime.install(extension);
        return this;
    }

    /**
     * The installed extension of this type, or {@code null}: how an app configures an extension,
     * e.g. {@code app.extension(JsonExtension.class).configure(mapper -> ...)}.
     */
    public <E extends Extension> E extension(Class<E> type) {
        return runtime.extension(type);
    }

    /** The installed extensions, in order. */
    public List<Extension> extensions() {
        return runtime.extensions();
    }

    /**
     * Registers the {@link Route}, {@link ErrorHandler}, {@link BeforeRequest}, {@link AfterRequest}
     * and {@link TeardownRequest} methods of each object. Everything that can be checked is
     * checked now: a handler that cannot be called as declared is an
     * {@link IllegalArgumentException} naming the class, the method and the parameter, and
     * nothing is registered.
     */
    public App register(Object... handlers) {
        runtime.register(Arrays.asList(handlers));
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
        return runtime.urlFor(endpoint, values);
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
        runtime.addBeforeRequest(prefix, hook);
        return this;
    }

    /** Runs {@code hook} after every request's handler, as Flask's {@code after_request}. */
    public App afterRequest(RequestHooks.After hook) {
        return afterRequest("", hook);
    }

    /** Runs {@code hook} after the handler of requests under {@code prefix}. */
    public App afterRequest(String prefix, RequestHooks.After hook) {
        runtime.addAfterRequest(prefix, hook);
        return this;
    }

    /** Runs {@code hook} when every request ends, even after a failure, as Flask's {@code teardown_request}. */
    public App teardownRequest(RequestHooks.Teardown hook) {
        return teardownRequest("", hook);
    }

    /** Runs {@code hook} when requests under {@code prefix} end. */
    public App teardownRequest(String prefix, RequestHooks.Teardown hook) {
        runtime.addTeardownRequest(prefix, hook);
        return this;
    }

    /** The registered objects, in registration order. */
    public List<Object> handlers() {
        return runtime.handlers();
    }

    /** Every route, sorted by pattern, for listings (e.g. the debug banner) and tools. */
    public List<RouteInfo> routes() {
        return runtime.routes();
    }

    /** Adds a path converter usable in patterns as {@code <name:var>}; before registering routes that use it. */
    public App converter(String name, Converter converter) {
        runtime.converter(name, converter);
        return this;
    }

    /** The settings; change them before {@code start}/{@code run}. */
    public Settings settings() {
        return settings;
    }

    /** Whether the app runs in debug mode (set by {@code run}/{@code start}). */
    public boolean debug() {
        return runtime.debug();
    }

    /** Sets debug mode; {@code run} and {@code start} set it from their argument. */
    public App debug(boolean debug) {
        runtime.debug(debug);
        return this;
    }

    /** Whether an installed extension provides debug tooling (microflask-devtools). */
    public boolean hasDebugTools() {
        return runtime.hasDebugTools();
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
        Ports.validate(port);
        runtime.fallbackSecretKey(SecretKeys.forStart(settings, debug, runtime.sessionUse(), host, port));
        runtime.debug(debug);
        if (debug && !runtime.hasDebugTools()) {
            log.warn("debug mode is on, but microflask-devtools is not on the classpath: there is no reload and "
                    + "no detailed error page. Add it to your pom:\n"
                    + "    <dependency>\n      <groupId>io.microflask</groupId>\n"
                    + "      <artifactId>microflask-devtools</artifactId>\n      <version>" + version()
                    + "</version>\n    </dependency>");
        }
        RunningServer server = FreePortFallback.start(settings, port, chosenPort -> BindFailures.bind(host,
                chosenPort, bound -> NettyServer.start(runtime.requestService(), host, bound, debug)));
        runtime.started(server);
        return server;
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
        RunOptions options = RunOptions.resolve(args, Environment.system(), host, port, debug);
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

    /**
     * A client that sends requests through the whole pipeline in this process, without a socket,
     * as Flask's {@code app.test_client()}.
     */
    public TestClient testClient() {
        return new TestClient(new InProcessExchange(runtime.requestService()));
    }

    /** microflask's version, from the jar's manifest when packaged. */
    public static String version() {
        return Version.current();
    }
}
