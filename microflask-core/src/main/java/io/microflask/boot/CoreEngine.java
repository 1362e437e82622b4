package io.microflask.boot;

import io.microflask.App;
import io.microflask.Blueprint;
import io.microflask.Config;
import io.microflask.Converter;
import io.microflask.ReadinessCheck;
import io.microflask.RequestHooks;
import io.microflask.RouteInfo;
import io.microflask.RunningServer;
import io.microflask.ServerStartException;
import io.microflask.Settings;
import io.microflask.TestClient;
import io.microflask.WebSocketGroup;
import io.microflask.dispatch.AppRuntime;
import io.microflask.run.Banner;
import io.microflask.run.BindFailures;
import io.microflask.run.ConsoleLog;
import io.microflask.run.FreePortFallback;
import io.microflask.run.Ports;
import io.microflask.run.RunFailures;
import io.microflask.run.RunHelp;
import io.microflask.run.RunOptions;
import io.microflask.run.Configuration;
import io.microflask.run.Environment;
import io.microflask.run.SecretKeys;
import io.microflask.run.SettingsBinder;
import io.microflask.run.ShutdownSignals;
import io.microflask.run.TlsSetup;
import io.microflask.server.ServerTls;
import io.microflask.server.InProcessExchange;
import io.microflask.server.NettyServer;
import io.microflask.spi.Extension;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;

import java.nio.file.Path;
import java.util.ArrayList;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.function.IntConsumer;

/**
 * The engine behind every {@link App}: the {@link AppRuntime} (registration and dispatch) plus
 * what starting and running a server takes (port checks, the secret key, binding with its
 * fallbacks, the banner, signals and the drain at shutdown).
 */
final class CoreEngine implements App.Engine {
    private static final ConsoleLog log = ConsoleLog.of(App.class);

    private final Settings settings;
    private volatile Config config;
    private final AppRuntime runtime;
    private final List<AutoCloseable> resources = new ArrayList<>();
    private volatile FactoryReference factory;
    private final IntConsumer processExit;

    CoreEngine(Settings settings, boolean discoverExtensions) {
        this(settings, discoverExtensions, status -> Runtime.getRuntime().exit(status));
    }

    /** With {@code processExit} in place of ending the JVM when {@code run} cannot serve (for tests). */
    CoreEngine(Settings settings, boolean discoverExtensions, IntConsumer processExit) {
        this.settings = settings;
        this.processExit = processExit;
        ClassLoader classLoader = applicationClassLoader();
        config = Configuration.load(Environment.system(), classLoader, Path.of(""), settings.instancePath());
        SettingsBinder.apply(config, settings);
        runtime = new AppRuntime(settings, classLoader);
        if (discoverExtensions) {
            runtime.discoverExtensions(classLoader);
        }
        Launcher.created(this);
    }

    /** Whether {@code app} is the one this engine stands behind. */
    boolean owns(App app) {
        return app.settings() == settings;
    }

    /** Remembers the factory that made the app, so that a reload can call it again; {@code null} for none. */
    void factory(FactoryReference reference) {
        this.factory = reference;
        runtime.applicationReloader(reference == null ? null : this::reloadFrom,
                reference == null ? null : reference.className());
    }

    /**
     * Devtools' reload: calls the factory again with the classes of {@code loader} and makes what
     * the new app declares (handlers, blueprints, hooks in code, aliases, settings, configuration,
     * resources) this app's, in one swap; then closes the resources of the app it replaced. On
     * failure nothing changes and the new app's resources are closed.
     */
    private void reloadFrom(ClassLoader loader) throws Exception {
        FactoryReference reference = factory;
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(loader);
        Launcher.Made fresh;
        try {
            fresh = Launcher.make(() -> reference.call(loader), reference.toString());
        } finally {
            thread.setContextClassLoader(previous);
        }
        try {
            runtime.adopt(fresh.engine().runtime);
        } catch (RuntimeException e) {
            fresh.engine().closeResources();
            throw e;
        }
        SettingsBinder.copy(fresh.app().settings(), settings);
        config = fresh.engine().config;
        List<AutoCloseable> replaced;
        synchronized (resources) {
            replaced = new ArrayList<>(resources);
            resources.clear();
            synchronized (fresh.engine().resources) {
                resources.addAll(fresh.engine().resources);
                fresh.engine().resources.clear();
            }
        }
        close(replaced);
    }

    /** Closes the resources given to {@code onClose}, newest first, once. */
    @Override
    public void closeResources() {
        List<AutoCloseable> toClose;
        synchronized (resources) {
            toClose = new ArrayList<>(resources);
            resources.clear();
        }
        close(toClose);
    }

    private static void close(List<AutoCloseable> toClose) {
        for (int i = toClose.size() - 1; i >= 0; i--) {
            try {
                toClose.get(i).close();
            } catch (Exception e) {
                log.warn("closing {} failed", toClose.get(i), e);
            }
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
    public void register(Blueprint blueprint, String prefix, String name) {
        runtime.register(blueprint, prefix, name);
    }

    @Override
    public void alias(String alias, String endpoint) {
        runtime.alias(alias, endpoint);
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
    public void addReadinessCheck(String name, ReadinessCheck check) {
        runtime.addReadinessCheck(name, check);
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
        ServerTls tls = TlsSetup.forStart(settings, host, port);
        RunningServer server = FreePortFallback.start(settings, port, chosenPort -> BindFailures.bind(host,
                chosenPort, bound -> NettyServer.start(runtime.requestService(), host, bound, debug, tls)));
        runtime.started(server);
        return server;
    }

    @Override
    public void run(String[] args, String host, int port, boolean debug) {
        if (RunHelp.requested(args)) {
            System.out.print(RunHelp.text());
            System.out.flush();
            return;
        }
        // run is the app's main: a failure the user must fix ends the process with its message, as
        // Werkzeug does, instead of a stack trace; start() keeps throwing for tests and embedding.
        RunOptions options;
        try {
            options = RunOptions.resolve(args, Environment.system(), host, port, debug);
            options.applyTlsTo(settings);
        } catch (IllegalArgumentException e) {
            processExit.accept(RunFailures.badOption(e, System.err));
            return;
        }
        RunningServer server;
        try {
            server = start(options.host(), options.port(), options.debug());
        } catch (ServerStartException e) {
            processExit.accept(RunFailures.startFailed(e, System.err));
            return;
        }
        Thread hook = new Thread(() -> {
            log.info("shutting down: no new connections; waiting for requests in flight");
            server.close();
            closeResources();
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
        closeResources();
    }

    @Override
    public Config config() {
        return config;
    }

    @Override
    public void onClose(AutoCloseable resource) {
        synchronized (resources) {
            resources.add(resource);
        }
    }

    @Override
    public List<Blueprint.Mount> blueprints() {
        return runtime.blueprints();
    }

    @Override
    public TestClient.Transport testTransport() {
        InProcessExchange exchange = new InProcessExchange(runtime.requestService());
        return new TestClient.Transport() {
            @Override
            public List<FullHttpResponse> exchange(List<FullHttpRequest> requests, InetSocketAddress remote) {
                return exchange.exchange(requests, remote);
            }

            @Override
            public Map<String, String> csrfHeaders(FullHttpRequest request) {
                return runtime.csrfHeadersFor(request.method().name(), request.headers());
            }

            @Override
            public io.netty.channel.Channel connect(io.netty.channel.ChannelHandler client) {
                return exchange.connect(client);
            }
        };
    }

    @Override
    public TestClient.Sessions testSessions() {
        return runtime.testSessions();
    }

    @Override
    public WebSocketGroup webSocketGroup(String name) {
        return runtime.webSocketGroup(name);
    }
}
