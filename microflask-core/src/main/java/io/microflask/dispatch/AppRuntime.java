package io.microflask.dispatch;

import io.microflask.Converter;
import io.microflask.RequestHooks;
import io.microflask.Response;
import io.microflask.RouteInfo;
import io.microflask.RunningServer;
import io.microflask.Settings;
import io.microflask.WebSocketGroup;
import io.microflask.routing.Converters;
import io.microflask.routing.PathPrefix;
import io.microflask.routing.Router;
import io.microflask.server.Exchange;
import io.microflask.server.IncomingRequest;
import io.microflask.server.RequestService;
import io.microflask.server.WebSocketEndpoint;
import io.microflask.session.SignedCookieSessions;
import io.microflask.spi.Extension;
import io.microflask.spi.ExtensionContext;
import io.microflask.spi.LifecycleListener;
import io.microflask.staticfiles.StaticFiles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Comparator;
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
    private final Converters converters = new Converters();
    private final Extensions extensions = new Extensions();
    private final ReturnValues returnValues = new ReturnValues(extensions);
    private final ParameterBinders binders = new ParameterBinders(extensions);
    private final ErrorResponder errors = new ErrorResponder(this, returnValues);
    private final RequestLifecycle lifecycle = new RequestLifecycle(this, returnValues, errors);
    private final SignedCookieSessions sessions;
    private final StaticFiles staticFiles;
    private final List<Object> registered = new ArrayList<>();
    private final List<ScopedHook<RequestHooks.Before>> beforeHooks = new ArrayList<>();
    private final List<ScopedHook<RequestHooks.After>> afterHooks = new ArrayList<>();
    private final List<ScopedHook<RequestHooks.Teardown>> teardownHooks = new ArrayList<>();
    private final RequestService service = new Service();
    private volatile Routes routes;
    private volatile Router<WebSocketRoute> webSocketRoutes = new Router<>();
    private final WebSocketGroups webSocketGroups = new WebSocketGroups();
    private volatile boolean debug;

    /** A runtime with no extension installed yet; static files come from {@code classLoader}'s {@code static/}. */
    public AppRuntime(Settings settings, ClassLoader classLoader) {
        this.settings = settings;
        this.sessions = new SignedCookieSessions(settings);
        this.staticFiles = new StaticFiles(settings, classLoader);
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
    public void register(Object handler) {
        register(List.of(handler));
    }

    @Override
    public synchronized void replaceHandlers(List<?> handlers) {
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
        registerStaticFiles(scanner, table);
        routes = new Routes(table, hookChains(table));
        webSocketRoutes = sockets;
        registered.clear();
        registered.addAll(handlers);
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
        return new HookChains(HookChain.of(extensions.beforeHooks(), beforeHooks, table.beforeHooks()),
                HookChain.of(afterHooks, table.afterHooks()), HookChain.of(teardownHooks, table.teardownHooks()));
    }

    private void rebuildHookChains() {
        Routes current = routes;
        routes = new Routes(current.table(), hookChains(current.table()));
    }

    @Override
    public synchronized List<Object> handlers() {
        return List.copyOf(registered);
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
        beforeHooks.add(new ScopedHook<>(hookPrefix(prefix), hook, "beforeRequest hook " + hook));
        rebuildHookChains();
    }

    /** Adds an after-request hook for paths under {@code prefix}. */
    public synchronized void addAfterRequest(String prefix, RequestHooks.After hook) {
        afterHooks.add(new ScopedHook<>(hookPrefix(prefix), hook, "afterRequest hook " + hook));
        rebuildHookChains();
    }

    /** Adds a teardown hook for paths under {@code prefix}. */
    public synchronized void addTeardownRequest(String prefix, RequestHooks.Teardown hook) {
        teardownHooks.add(new ScopedHook<>(hookPrefix(prefix), hook, "teardownRequest hook " + hook));
        rebuildHookChains();
    }

    private static PathPrefix hookPrefix(String prefix) {
        return PathPrefix.of(prefix, "the prefix of a request hook");
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

    /** What a server answers through. */
    public RequestService requestService() {
        return service;
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
        Router<WebSocketRoute> sockets = webSocketRoutes;
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
            return lifecycle.route(request);
        }

        @Override
        public Response reject(int status, String message, IncomingRequest request) {
            return lifecycle.reject(status, message, request);
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
