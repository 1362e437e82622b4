package io.microflask.devtools;

import io.microflask.Request;
import io.microflask.RunningServer;
import io.microflask.spi.ErrorContext;
import io.microflask.spi.Extension;
import io.microflask.spi.ExtensionContext;
import io.microflask.spi.ExtensionRegistry;
import io.microflask.spi.LifecycleListener;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * microflask-devtools: with it on the classpath and {@code debug} true, an app gets a detailed
 * error page, reload in the same JVM when its sources change, and browser pages that refresh
 * after a reload. Found by {@link java.util.ServiceLoader}; settings via
 * {@code app.extension(DevTools.class).settings()}. Without debug mode it does nothing at all.
 */
public final class DevTools implements Extension {
    private final DevToolsSettings settings = new DevToolsSettings();
    private volatile ExtensionContext app;
    private volatile Reloader reloader;
    private volatile LiveReload liveReload;
    private volatile boolean endpointRegistered;

    @Override
    public String name() {
        return "microflask-devtools";
    }

    /** Before other extensions, so that its error page comes before microflask-json's plain JSON errors. */
    @Override
    public int order() {
        return -100;
    }

    @Override
    public void install(ExtensionRegistry registry) {
        this.app = registry.app();
        registry.providesDebugTools();
        registry.addErrorRenderer(new DebugErrorRenderer(this));
        registry.addBeforeRequest(new ReloadProblemFilter(this));
        registry.addResponseFilter(new LiveReloadScript(this));
        registry.addLifecycleListener(new LifecycleListener() {
            @Override
            public void started(RunningServer server) {
                if (server.debug()) {
                    startDebugTools();
                }
            }

            @Override
            public void stopping() {
                stopDebugTools();
            }
        });
    }

    /** The settings; change them before the server starts. */
    public DevToolsSettings settings() {
        return settings;
    }

    /** How many reloads have succeeded since the server started in debug mode. */
    public int reloadCount() {
        Reloader current = reloader;
        return current == null ? 0 : current.reloads();
    }

    private synchronized void startDebugTools() {
        if (liveReload == null) {
            liveReload = new LiveReload();
        }
        if (settings.liveReload() && !endpointRegistered) {
            app.register(new LiveReloadEndpoint(this, settings.liveReloadTimeout()));
            endpointRegistered = true;
        }
        if (settings.reload() && reloader == null) {
            reloader = Reloader.start(app, settings, liveReload);
        }
    }

    private synchronized void stopDebugTools() {
        if (liveReload != null) {
            liveReload.close();
            liveReload = null;
        }
        if (reloader != null) {
            reloader.close();
            reloader = null;
        }
    }

    /** The live-reload state when pages should get the script, else {@code null}. */
    LiveReload liveReloadIfActive() {
        LiveReload current = liveReload;
        ExtensionContext currentApp = app;
        return current != null && endpointRegistered && settings.liveReload() && currentApp != null
                && currentApp.debug() ? current : null;
    }

    /** Why the last reload failed, or {@code null}. */
    ReloadProblem problem() {
        Reloader current = reloader;
        return current == null ? null : current.problem();
    }

    Editor editor() {
        return settings.editor();
    }

    /** Where the app's sources and resources are: as the reloader found them, or found now. */
    ProjectLayout layout() {
        Reloader current = reloader;
        if (current != null) {
            return current.layout();
        }
        List<Class<?>> classes = new ArrayList<>();
        ExtensionContext currentApp = app;
        if (currentApp != null) {
            for (Object handler : currentApp.handlers()) {
                classes.add(handler.getClass());
            }
        }
        return ProjectLayout.detect(classes, settings);
    }

    /** The class loaders that may know a stack frame's class, newest code first. */
    List<ClassLoader> loaders(ErrorContext error) {
        Set<ClassLoader> loaders = new LinkedHashSet<>();
        Reloader current = reloader;
        if (current != null && current.currentLoader() != null) {
            loaders.add(current.currentLoader());
        }
        if (error != null && error.route() != null) {
            loaders.add(error.route().handler().getDeclaringClass().getClassLoader());
        }
        ExtensionContext currentApp = app;
        if (currentApp != null) {
            for (Object handler : currentApp.handlers()) {
                loaders.add(handler.getClass().getClassLoader());
            }
        }
        loaders.add(Thread.currentThread().getContextClassLoader());
        loaders.add(DevTools.class.getClassLoader());
        loaders.remove(null);
        return new ArrayList<>(loaders);
    }

    /** The app's routes, for the debug 404 page; the reserved live-reload path is left out. */
    List<io.microflask.RouteInfo> routes() {
        ExtensionContext currentApp = app;
        if (currentApp == null) {
            return List.of();
        }
        List<io.microflask.RouteInfo> routes = new ArrayList<>(currentApp.routes());
        routes.removeIf(route -> route.pattern().equals(LiveReloadEndpoint.PATH));
        return routes;
    }

    /** Whether this request may see debug details (as core decides for error pages). */
    boolean mayShowDetails(Request request) {
        ExtensionContext currentApp = app;
        return currentApp != null && currentApp.debug()
                && (request.isLocalClient() || currentApp.settings().showDebugToRemoteClients());
    }

    /** Whether the client prefers JSON to HTML, by its {@code Accept} header. */
    static boolean wantsJson(Request request) {
        String accept = request == null ? null : request.header("Accept");
        if (accept == null) {
            return false;
        }
        String lower = accept.toLowerCase(Locale.ROOT);
        int json = lower.indexOf("json");
        int html = lower.indexOf("text/html");
        return json >= 0 && (html < 0 || json < html);
    }
}
