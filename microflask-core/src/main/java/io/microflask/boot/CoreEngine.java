package io.microflask.boot;

import io.microflask.App;
import io.microflask.Converter;
import io.microflask.RequestHooks;
import io.microflask.RouteInfo;
import io.microflask.RunningServer;
import io.microflask.Settings;
import io.microflask.TestClient;
import io.microflask.WebSocketGroup;
import io.microflask.dispatch.AppRuntime;
import io.microflask.run.Banner;
import io.microflask.run.BindFailures;
import io.microflask.run.FreePortFallback;
import io.microflask.run.Ports;
import io.microflask.run.RunOptions;
import io.microflask.run.Environment;
import io.microflask.run.SecretKeys;
import io.microflask.run.ShutdownSignals;
import io.microflask.server.InProcessExchange;
import io.microflask.server.NettyServer;
import io.microflask.spi.Extension;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Map;

/**
 * The engine behind every {@link App}: the {@link AppRuntime} (registration and dispatch) plus
 * what starting and running a server takes (port checks, the secret key, binding with its
 * fallbacks, the banner, signals and the drain at shutdown).
 */
final class CoreEngine implements App.Engine {
    private static final Logger log = LoggerFactory.getLogger(App.class);

    private final Settings settings;
    private final AppRuntime runtime;

    CoreEngine(Settings settings, boolean discoverExtensions) {
        this.settings = settings;
        Environment.system().applyTo(settings);
        ClassLoader classLoader = applicationClassLoader();
        runtime = new AppRuntime(settings, classLoader);
        if (discoverExtensions) {
            runtime.discoverExtensions(classLoader);
        }
    }

    /** Where the application's classes, static files and extensions are: the thread's loader first. */
    private static ClassLoader applicationClassLoader() {
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        return context != null ? context : App.class.getClassLoader();
    }

    @Override
    public void install(Object extension) {
        if (!(extension instanceof Extension installable)) {
            throw new IllegalArgumentException("app.install(" + (extension == null ? "null" : extension.getClass().getName())
                    + "): an extension implements " + Extension.class.getName()
                    + "; to add routes, use app.register(object) instead");
        }
        runtime.install(installable);
    }

    @Override
    public <E> E extension(Class<E> type) {
        return runtime.extension(type);
    }

    @Override
    public List<Object> extensions() {
        return List.copyOf(runtime.extensions());
    }

    @Override
    public void register(List<?> handlers) {
        runtime.register(handlers);
    }

    @Override
    public String urlFor(String endpoint, Map<String, ?> values) {
        return runtime.urlFor(endpoint, values);
    }

    @Override
    public void addBeforeRequest(String prefix, RequestHooks.Before hook) {
        runtime.addBeforeRequest(prefix, hook);
    }

    @Override
    public void addAfterRequest(String prefix, RequestHooks.After hook) {
        runtime.addAfterRequest(prefix, hook);
    }

    @Override
    public void addTeardownRequest(String prefix, RequestHooks.Teardown hook) {
        runtime.addTeardownRequest(prefix, hook);
    }

    @Override
    public List<Object> handlers() {
        return runtime.handlers();
    }

    @Override
    public List<RouteInfo> routes() {
        return runtime.routes();
    }

    @Override
    public void converter(String name, Converter converter) {
        runtime.converter(name, converter);
    }

    @Override
    public boolean debug() {
        return runtime.debug();
    }

    @Override
    public void debug(boolean debug) {
        runtime.debug(debug);
    }

    @Override
    public boolean hasDebugTools() {
        return runtime.hasDebugTools();
    }

    @Override
    public RunningServer start(String host, int port, boolean debug) {
        Ports.validate(port);
        runtime.fallbackSecretKey(SecretKeys.forStart(settings, debug, runtime.sessionUse(), host, port));
        runtime.debug(debug);
        if (debug && !runtime.hasDebugTools()) {
            log.warn("debug mode is on, but microflask-devtools is not on the classpath: there is no reload and "
                    + "no detailed error page. Add it to your pom:\n"
                    + "    <dependency>\n      <groupId>io.microflask</groupId>\n"
                    + "      <artifactId>microflask-devtools</artifactId>\n      <version>" + App.version()
                    + "</version>\n    </dependency>");
        }
        RunningServer server = FreePortFallback.start(settings, port, chosenPort -> BindFailures.bind(host,
                chosenPort, bound -> NettyServer.start(runtime.requestService(), host, bound, debug)));
        runtime.started(server);
        return server;
    }

    @Override
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

    @Override
    public TestClient.Transport testTransport() {
        return new InProcessExchange(runtime.requestService());
    }

    @Override
    public WebSocketGroup webSocketGroup(String name) {
        return runtime.webSocketGroup(name);
    }
}
