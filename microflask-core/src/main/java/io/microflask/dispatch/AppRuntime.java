package io.microflask.dispatch;

import io.microflask.Blueprint;
import io.microflask.Converter;
import io.microflask.ReadinessCheck;
import io.microflask.RequestHooks;
import io.microflask.TestClient;
import io.microflask.Request;
import io.microflask.Response;
import io.microflask.RouteInfo;
import io.microflask.RunningServer;
import io.microflask.Settings;
import io.microflask.WebSocketGroup;
import io.microflask.routing.Converters;
import io.microflask.routing.PathPrefix;
import io.microflask.security.CsrfProtection;
import io.microflask.routing.Router;
import io.microflask.server.Exchange;
import io.microflask.server.IncomingRequest;
import io.microflask.server.RequestService;
import io.microflask.server.WebSocketEndpoint;
import io.microflask.session.SignedCookieSessions;
import io.microflask.spi.Extension;
import io.microflask.spi.ExtensionContext;
import io.microflask.spi.LifecycleListener;
import io.microflask.spi.ServerObserver;
import io.microflask.spi.ServerStats;
import io.microflask.staticfiles.StaticFiles;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;

/**
 * Everything behind {@code App}: the registered handlers and the routes built from them, the
 * hooks registered in code, the installed extensions, sessions and static files, and the
 * {@link RequestService} a server answers through. {@code App} is its user-facing front; this is
 * internal and may change.
 */
public final class AppRuntime implements ExtensionContext {
    private static final Logger log = LoggerFactory.getLogger(AppRuntime.class);

    private final Settings settings;
    private final ClassLoader classLoader;
    private final Converters converters = new Converters();
    private final Extensions extensions = new Extensions();
    private final ReturnValues returnValues = new ReturnValues(extensions);
    private final ParameterBinders binders = new ParameterBinders(extensions);
    private final ErrorResponder errors = new ErrorResponder(this, returnValues);
    private final RequestLifecycle lifecycle = new RequestLifecycle(this, returnValues, errors);
    private final SignedCookieSessions sessions;
    private final StaticFiles staticFiles;
    private final List<Object> registered = new ArrayList<>();
    private final List<Blueprint.Mount> mounts = new ArrayList<>();
    private final Map<String, String> aliases = new LinkedHashMap<>();
    private final List<ScopedHook<RequestHooks.Before>> beforeHooks = new ArrayList<>();
    private final List<ScopedHook<RequestHooks.After>> afterHooks = new ArrayList<>();
    private final List<ScopedHook<RequestHooks.Teardown>> teardownHooks = new ArrayList<>();
    private final List<Object> extensionObjects = new ArrayList<>();
    private final RequestService service = new Service();
    private volatile Reload reloader;
    private volatile String factoryClassName;
    private final HealthEndpoints health;
    private volatile Routes routes;
    private volatile List<String> templateFolders = List.of();
    private final WebSocketGroups webSocketGroups = new WebSocketGroups();
    private volatile boolean debug;

    /** A runtime with no extension installed yet; static files come from {@code classLoader}'s {@code static/}. */
    public AppRuntime(Settings settings, ClassLoader classLoader) {
        this.settings = settings;
        this.classLoader = classLoader;
        this.sessions = new SignedCookieSessions(settings);
        this.staticFiles = new StaticFiles(settings, classLoader, this::debug);
        this.health = new HealthEndpoints(settings);
        // Built-in routes (static files) are there even before anything is registered.
        replaceHandlers(List.of());
    }

    /** Installs the extensions {@link ServiceLoader} finds through {@code classLoader}, in their order. */
    public void discoverExtensions(ClassLoader classLoader) {
        List<Extension> found = new ArrayList<>();
        for (Extension extension : ServiceLoader.load(Extension.class, classLoader)) {
            found.add(extension);
        }
        found.sort(Comparator.comparingInt(Extension::order));
        for (Extension extension : found) {
            install(extension);
        }
    }

    /** Installs an extension (once per class); handlers registered before it are prepared again. */
    public synchronized void install(Extension extension) {
        if (!extensions.install(extension, this)) {
            return;
        }
        log.debug("installed extension {}", extension.name());
        // What the extension adds may change how registered handlers bind and write, and its hooks.
        replaceHandlers(new ArrayList<>(registered));
    }

    /** The installed extension of this type, or {@code null}. */
    public <E> E extension(Class<E> type) {
        return extensions.find(type);
    }

    /** The installed extensions, in installation order. */
    public List<Extension> extensions() {
        return extensions.installed();
    }

    /** Whether an installed extension provides debug tooling. */
    public boolean hasDebugTools() {
        return extensions.hasDebugTools();
    }

    /** Adds handler objects; on failure nothing changes. */
    public synchronized void register(List<?> handlers) {
        List<Object> all = new ArrayList<>(registered);
        for (Object handler : handlers) {
            if (handler == null) {
                throw new IllegalArgumentException("register(null): pass an object with @Route methods");
            }
            all.add(handler);
        }
        replaceHandlers(all);
    }

    @Override
    public synchronized void register(Object handler) {
        register(List.of(handler));
        // Registered by an extension (devtools' live-reload endpoint): kept when a reload swaps the app's own.
        extensionObjects.add(handler);
    }

    /** A reload by the app's factory (see {@link #reloadApplication}). */
    @FunctionalInterface
    public interface Reload {
        /** Rebuilds the app with the classes of {@code loader} and {@link #adopt}s it. */
        void reload(ClassLoader loader) throws Exception;
    }

    /** How to reload this app by its factory, and the factory's class; {@code null} for none. */
    public void applicationReloader(Reload reload, String factoryClass) {
        this.reloader = reload;
        this.factoryClassName = factoryClass;
    }

    @Override
    public boolean reloadApplication(ClassLoader loader) throws Exception {
        Reload current = reloader;
        if (current == null) {
            return false;
        }
        current.reload(loader);
        return true;
    }

    @Override
    public List<Class<?>> applicationClasses() {
        List<Class<?>> classes = new ArrayList<>();
        List<Object> objects;
        synchronized (this) {
            objects = new ArrayList<>(registered);
            objects.removeAll(extensionObjects);
            objects.addAll(BlueprintMounts.objectsAndHooks(mounts));
        }
        for (Object object : objects) {
            if (!classes.contains(object.getClass()) && !object.getClass().isSynthetic()) {
                classes.add(object.getClass());
            }
        }
        String factoryClass = factoryClassName;
        if (factoryClass != null) {
            for (Class<?> type : List.copyOf(classes)) {
                try {
                    Class<?> found = Class.forName(factoryClass, false, type.getClassLoader());
                    if (!classes.contains(found)) {
                        classes.add(found);
                    }
                    break;
                } catch (ClassNotFoundException | LinkageError e) {
                    // not this loader's
                }
            }
        }
        return classes;
    }

    /**
     * Makes what {@code fresh} (an app a reload's factory call just built) registered this app's:
     * its handlers, blueprints, aliases and hooks in code, built completely before one swap; what
     * extensions registered here stays. On failure nothing changes.
     */
    public void adopt(AppRuntime fresh) {
        List<Object> handlers;
        List<Blueprint.Mount> freshMounts;
        Map<String, String> freshAliases;
        List<ScopedHook<RequestHooks.Before>> before;
        List<ScopedHook<RequestHooks.After>> after;
        List<ScopedHook<RequestHooks.Teardown>> teardown;
        synchronized (fresh) {
            handlers = new ArrayList<>(fresh.registered);
            freshMounts = List.copyOf(fresh.mounts);
            freshAliases = new LinkedHashMap<>(fresh.aliases);
            before = List.copyOf(fresh.beforeHooks);
            after = List.copyOf(fresh.afterHooks);
            teardown = List.copyOf(fresh.teardownHooks);
        }
        synchronized (this) {
            handlers.addAll(extensionObjects);
            Routes built = build(handlers, freshMounts, freshAliases, before, after, teardown);
            registered.clear();
            registered.addAll(handlers);
            mounts.clear();
            mounts.addAll(freshMounts);
            templateFolders = BlueprintMounts.templateFolders(freshMounts);
            aliases.clear();
            aliases.putAll(freshAliases);
            beforeHooks.clear();
            beforeHooks.addAll(before);
            afterHooks.clear();
            afterHooks.addAll(after);
            teardownHooks.clear();
            teardownHooks.addAll(teardown);
            routes = built;
        }
    }

    /**
     * Mounts {@code blueprint} at {@code prefix} under {@code name}; on failure (a route that
     * cannot be registered, a name already mounted) nothing changes.
     */
    public synchronized void register(Blueprint blueprint, String prefix, String name) {
        List<Blueprint.Mount> all = new ArrayList<>(mounts);
        all.add(new Blueprint.Mount(blueprint, prefix, name));
        Routes built = build(registered, all, aliases);
        mounts.add(all.get(all.size() - 1));
        templateFolders = BlueprintMounts.templateFolders(mounts);
        routes = built;
    }

    /**
     * Makes {@code alias} another name of {@code endpoint} for {@code urlFor}, as Flask's
     * {@code app.add_url_rule("/", endpoint="index")} next to {@code blog.index}.
     */
    public synchronized void alias(String alias, String endpoint) {
        if (alias == null || alias.isBlank() || endpoint == null || endpoint.isBlank()) {
            throw new IllegalArgumentException("alias(\"" + alias + "\", \"" + endpoint + "\"): give an alias and "
                    + "the endpoint it names, e.g. alias(\"index\", \"blog.index\")");
        }
        Map<String, String> all = new LinkedHashMap<>(aliases);
        all.put(alias, endpoint);
        Routes built = build(registered, mounts, all);
        aliases.put(alias, endpoint);
        routes = built;
    }

    @Override
    public synchronized void replaceHandlers(List<?> handlers) {
        Routes built = build(handlers, mounts, aliases);
        routes = built;
        registered.clear();
        registered.addAll(handlers);
    }

    /** Builds the routes of these objects, mounted blueprints and aliases, changing nothing. */
    private Routes build(List<?> handlers, List<Blueprint.Mount> blueprints, Map<String, String> endpointAliases) {
        return build(handlers, blueprints, endpointAliases, beforeHooks, afterHooks, teardownHooks);
    }

    private Routes build(List<?> handlers, List<Blueprint.Mount> blueprints, Map<String, String> endpointAliases,
                         List<ScopedHook<RequestHooks.Before>> before, List<ScopedHook<RequestHooks.After>> after,
                         List<ScopedHook<RequestHooks.Teardown>> teardown) {
        RouteTable table = new RouteTable();
        RouteScanner scanner = new RouteScanner(converters, binders, returnValues);
        Router<WebSocketRoute> sockets = new Router<>();
        WebSocketScanner socketScanner = new WebSocketScanner(converters, binders);
        for (Object handler : handlers) {
            if (WebSocketScanner.isEndpoint(handler)) {
                socketScanner.register(handler, sockets);
            } else {
                scanner.register(handler, table);
            }
        }
        BlueprintMounts.register(blueprints, scanner, table, (folder, mount) -> StaticFiles.folder(settings,
                classLoader, folder, mount.value().isEmpty() ? 0 : mount.value().split("/").length - 1, this::debug));
        registerStaticFiles(scanner, table);
        table.addAliases(endpointAliases);
        return new Routes(table, hookChains(table, before, after, teardown), sockets);
    }

    private void registerStaticFiles(RouteScanner scanner, RouteTable table) {
        if (!settings.serveStaticFiles()) {
            return;
        }
        try {
            scanner.register(staticFiles, table);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(e.getMessage() + ". The app serves /static/<path:filename> as the "
                    + "endpoint 'static'; to serve static files yourself, call settings().serveStaticFiles(false) "
                    + "before register", e);
        }
    }

    /** Extension hooks first, then those registered in code, then annotated ones; each chain sorted by prefix. */
    private HookChains hookChains(RouteTable table) {
        return hookChains(table, beforeHooks, afterHooks, teardownHooks);
    }

    private HookChains hookChains(RouteTable table, List<ScopedHook<RequestHooks.Before>> before,
                                  List<ScopedHook<RequestHooks.After>> after,
                                  List<ScopedHook<RequestHooks.Teardown>> teardown) {
        return new HookChains(HookChain.of(extensions.beforeHooks(), before, table.beforeHooks()),
                HookChain.of(after, table.afterHooks()), HookChain.of(teardown, table.teardownHooks()));
    }

    private void rebuildHookChains() {
        Routes current = routes;
        routes = new Routes(current.table(), hookChains(current.table()), current.webSockets());
    }

    @Override
    public synchronized List<Object> handlers() {
        return List.copyOf(registered);
    }

    @Override
    public List<String> blueprintTemplateFolders() {
        return templateFolders;
    }

    /** The mounted blueprints, in registration order. */
    public synchronized List<Blueprint.Mount> blueprints() {
        return List.copyOf(mounts);
    }

    @Override
    public List<RouteInfo> routes() {
        List<RouteInfo> infos = new ArrayList<>();
        for (PreparedRoute route : routes.table().endpoints().values()) {
            infos.add(route.info());
        }
        infos.sort(Comparator.comparing(RouteInfo::pattern).thenComparing(RouteInfo::endpoint));
        return infos;
    }

    /** Flask's {@code url_for} over the current routes. */
    public String urlFor(String endpoint, Map<String, ?> values) {
        return UrlBuilder.build(routes.table(), endpoint, values);
    }

    /** Adds a before-request hook for paths under {@code prefix} ({@code ""} for all). */
    public synchronized void addBeforeRequest(String prefix, RequestHooks.Before hook) {
        beforeHooks.add(new ScopedHook<>(HookScope.of(hookPrefix(prefix)), hook, "beforeRequest hook " + hook));
        rebuildHookChains();
    }

    /** Adds an after-request hook for paths under {@code prefix}. */
    public synchronized void addAfterRequest(String prefix, RequestHooks.After hook) {
        afterHooks.add(new ScopedHook<>(HookScope.of(hookPrefix(prefix)), hook, "afterRequest hook " + hook));
        rebuildHookChains();
    }

    /** Adds a teardown hook for paths under {@code prefix}. */
    public synchronized void addTeardownRequest(String prefix, RequestHooks.Teardown hook) {
        teardownHooks.add(new ScopedHook<>(HookScope.of(hookPrefix(prefix)), hook, "teardownRequest hook " + hook));
        rebuildHookChains();
    }

    private static PathPrefix hookPrefix(String prefix) {
        return PathPrefix.of(prefix, "the prefix of a request hook");
    }

    /** Adds a check the readiness endpoint runs (see {@code Settings.readinessPath()}). */
    public void addReadinessCheck(String name, ReadinessCheck check) {
        health.add(name, check);
    }

    /** Adds a path converter, for routes registered after it. */
    public void converter(String name, Converter converter) {
        converters.add(name, converter);
    }

    @Override
    public Settings settings() {
        return settings;
    }

    @Override
    public boolean debug() {
        return debug;
    }

    /** Sets debug mode. */
    public void debug(boolean debug) {
        this.debug = debug;
    }

    /**
     * Whether the app uses sessions, as far as can be told without running a request: why it does
     * (e.g. {@code "com.example.Pages.login(Request, Session) takes a Session"}), or {@code null}.
     * {@code settings().usesSessions(true)} declares it; otherwise the registered handlers, the
     * hooks registered in code and the extensions' hooks are scanned (see {@link SessionUse}).
     */
    public synchronized String sessionUse() {
        if (settings.usesSessions()) {
            return "settings().usesSessions(true) says so";
        }
        List<Object> objects = new ArrayList<>(registered);
        objects.addAll(BlueprintMounts.objectsAndHooks(mounts));
        for (List<? extends ScopedHook<?>> hooks : List.of(beforeHooks, afterHooks, teardownHooks,
                extensions.beforeHooks())) {
            for (ScopedHook<?> hook : hooks) {
                objects.add(hook.hook());
            }
        }
        return SessionUse.find(objects);
    }

    /**
     * The key that signs sessions while the settings name none, or {@code null} for none: in
     * debug mode, the generated development key (read when a session is first saved or a cookie first read).
     */
    public void fallbackSecretKey(java.util.function.Supplier<String> key) {
        sessions.fallbackKey(key);
    }

    /**
     * What a page of this app would send with a request so that CSRF protection accepts it, for
     * the test client: {@code X-CSRF-Token} with the token of the session the request's cookie
     * holds, where a page of the app issued one; else {@code Sec-Fetch-Site: same-origin}, as a
     * browser sends for a page of the same origin; nothing when the request is not checked (a safe
     * method, a JSON body, CSRF protection off). Reads the session, never changes it.
     */
    public Map<String, String> csrfHeadersFor(String method, HttpHeaders headers) {
        if (!settings.csrfProtection() || !CsrfProtection.needsCheck(method, headers.get(HttpHeaderNames.CONTENT_TYPE),
                headers.get(HttpHeaderNames.AUTHORIZATION))) {
            return Map.of();
        }
        String cookie = ContextRequest.cookieValue(headers, settings.sessionCookieName());
        if (cookie != null) {
            try {
                String token = CsrfProtection.existingToken(sessions.open(cookie, "the test client"));
                if (token != null) {
                    return Map.of(Request.CSRF_HEADER, token);
                }
            } catch (IllegalStateException noSecretKey) {
                // no session without a key: the browser's header is all a page could send
            }
        }
        return Map.of("Sec-Fetch-Site", "same-origin");
    }

    /** What a server answers through. */
    public RequestService requestService() {
        return service;
    }

    /** The app's session cookies as the test client reads and sets them. */
    public TestClient.Sessions testSessions() {
        return new TestSessions(settings, sessions);
    }

    /** Tells the extensions that {@code server} started. */
    public void started(RunningServer server) {
        for (LifecycleListener listener : extensions.lifecycleListeners()) {
            listener.started(server);
        }
    }

    /** The WebSocket group {@code name}, to send to its members from anywhere (a route handler too). */
    public WebSocketGroup webSocketGroup(String name) {
        return webSocketGroups.group(name);
    }

    /** The endpoint for a WebSocket handshake, or {@code null} when no {@code @WebSocket} path matches it. */
    private WebSocketEndpoint webSocket(IncomingRequest incoming) {
        Router<WebSocketRoute> sockets = routes.webSockets();
        if (sockets.size() == 0) {
            return null;
        }
        Router.Match<WebSocketRoute> match;
        try {
            match = sockets.match("GET", incoming.segments());
        } catch (RuntimeException e) {
            return null;
        }
        if (!(match instanceof Router.Found<WebSocketRoute> found)) {
            return null;
        }
        RequestContext context = new RequestContext(incoming, this);
        context.matched(found.handler().info(), found.variables());
        return new OpenWebSocket(found.handler(), new ContextRequest(context), webSocketGroups);
    }

    Routes currentRoutes() {
        return routes;
    }

    Extensions extensionPoints() {
        return extensions;
    }

    SignedCookieSessions sessions() {
        return sessions;
    }

    /** The server's view of this app. */
    private final class Service implements RequestService {
        @Override
        public Settings settings() {
            return settings;
        }

        @Override
        public boolean debug() {
            return debug;
        }

        @Override
        public Exchange route(IncomingRequest request) {
            Exchange probe = health.match(request);
            return probe != null ? probe : lifecycle.route(request);
        }

        @Override
        public long routeBodyLimit(String method, java.util.List<String> segments) {
            return lifecycle.routeBodyLimit(method, segments);
        }

        @Override
        public Response reject(int status, String message, IncomingRequest request) {
            return lifecycle.reject(status, message, request);
        }

        @Override
        public void answered(String method, String routePattern, int status, long durationNanos) {
            tellObservers(observer -> observer.requestAnswered(method, routePattern, status, durationNanos));
        }

        @Override
        public boolean observesAnswers() {
            return !extensions.serverObservers().isEmpty();
        }

        @Override
        public void connectionRejected() {
            tellObservers(ServerObserver::connectionRejected);
        }

        @Override
        public void serverStarted(ServerStats stats) {
            tellObservers(observer -> observer.serverStarted(stats));
        }

        /** An observer that throws is logged and skipped: metrics never fail a request. */
        private void tellObservers(java.util.function.Consumer<ServerObserver> event) {
            for (ServerObserver observer : extensions.serverObservers()) {
                try {
                    event.accept(observer);
                } catch (RuntimeException e) {
                    log.warn("server observer {} failed", observer, e);
                }
            }
        }

        @Override
        public void draining() {
            health.draining();
        }

        @Override
        public WebSocketEndpoint webSocket(IncomingRequest request) {
            return AppRuntime.this.webSocket(request);
        }

        @Override
        public void stopping() {
            for (LifecycleListener listener : extensions.lifecycleListeners()) {
                try {
                    listener.stopping();
                } catch (RuntimeException e) {
                    log.warn("lifecycle listener {} failed while stopping", listener, e);
                }
            }
        }
    }
}
