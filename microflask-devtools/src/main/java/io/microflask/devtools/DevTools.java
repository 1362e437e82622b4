package io.microflask.devtools;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
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
 * after a reload. Found by {@link java.util.ServiceLoader}; configured, like every extension, on
 * the object {@code app.extension(DevTools.class)} returns, e.g.
 * {@code app.extension(DevTools.class).editor(Editor.INTELLIJ)}. Source roots, resource roots and
 * class output directories are found from where the registered handler classes were loaded
 * ({@code target/classes} means {@code src/main/java} and {@code src/main/resources} next to
 * {@code target}); set them when the project is laid out otherwise. Without debug mode it does
 * nothing at all.
 */
public final class DevTools implements Extension {
    private Editor editor = Editor.VSCODE;
    private volatile boolean liveReloadEnabled = true;
    private volatile boolean reloadEnabled = true;
    private boolean compileInProcess = true;
    private int release;
    private Duration pollInterval = Duration.ofMillis(100);
    private Duration quietPeriod = Duration.ofMillis(40);
    private Duration liveReloadTimeout = Duration.ofSeconds(25);
    private final List<Path> sourceRoots = new ArrayList<>();
    private final List<Path> resourceRoots = new ArrayList<>();
    private final List<Path> classOutputDirs = new ArrayList<>();
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

    // ---- configuration: change it before the server starts ----

    /** The editor that error-page links open. Default {@link Editor#VSCODE}. */
    public Editor editor() {
        return editor;
    }

    /** Sets the editor that error-page links open. */
    public DevTools editor(Editor editor) {
        this.editor = Objects.requireNonNull(editor, "editor");
        return this;
    }

    /** Whether HTML pages get the script that refreshes them after a reload. Default true. */
    public boolean liveReload() {
        return liveReloadEnabled;
    }

    /** Sets whether HTML pages refresh themselves after a reload. */
    public DevTools liveReload(boolean enabled) {
        this.liveReloadEnabled = enabled;
        return this;
    }

    /** Whether source changes are watched and reloaded in debug mode. Default true. */
    public boolean reload() {
        return reloadEnabled;
    }

    /** Sets whether source changes are reloaded in debug mode. */
    public DevTools reload(boolean enabled) {
        this.reloadEnabled = enabled;
        return this;
    }

    /**
     * Whether changed {@code .java} files are compiled in this JVM. Default true; with false only
     * classes an IDE compiled into the class output directories are reloaded.
     */
    public boolean compileInProcess() {
        return compileInProcess;
    }

    /**
     * Sets whether changed sources are compiled in this JVM (else only classes an IDE or Maven writes
     * are reloaded).
     */
    public DevTools compileInProcess(boolean enabled) {
        this.compileInProcess = enabled;
        return this;
    }

    /**
     * The {@code --release} to compile with; 0 (the default) means the release the app's classes
     * were compiled for, read from their class files.
     */
    public int release() {
        return release;
    }

    /** Sets the {@code --release} to compile with; 0 is the release of the app's classes. */
    public DevTools release(int release) {
        if (release != 0 && release < 8) {
            throw new IllegalArgumentException("release must be 0 (as the app's classes) or 8 and above, got " + release);
        }
        this.release = release;
        return this;
    }

    /** How often the source roots are scanned for changes. Default 100 ms. */
    public Duration pollInterval() {
        return pollInterval;
    }

    /** Sets how often the sources are checked for changes. */
    public DevTools pollInterval(Duration interval) {
        this.pollInterval = positive("pollInterval", interval);
        return this;
    }

    /**
     * How long the tree must stay unchanged before a reload starts, so that a save that writes
     * several files (or an IDE build) is taken as one change. Default 40 ms.
     */
    public Duration quietPeriod() {
        return quietPeriod;
    }

    /** Sets how long changes must settle before a reload starts. */
    public DevTools quietPeriod(Duration period) {
        this.quietPeriod = Objects.requireNonNull(period, "quietPeriod");
        return this;
    }

    /**
     * How often a page's live-reload event stream gets a keep-alive comment while nothing changes.
     * Default 25 s.
     */
    public Duration liveReloadTimeout() {
        return liveReloadTimeout;
    }

    /** Sets how long a live-reload stream stays open before the page reconnects. */
    public DevTools liveReloadTimeout(Duration timeout) {
        this.liveReloadTimeout = positive("liveReloadTimeout", timeout);
        return this;
    }

    /**
     * Directories of {@code .java} sources; empty (the default) means found from the class output
     * directories.
     */
    public List<Path> sourceRoots() {
        return List.copyOf(sourceRoots);
    }

    /** Sets the source roots; none means those found from the handler classes. */
    public DevTools sourceRoots(Path... roots) {
        sourceRoots.clear();
        sourceRoots.addAll(List.of(roots));
        return this;
    }

    /** Directories of resources (templates, static files); empty means found like the source roots. */
    public List<Path> resourceRoots() {
        return List.copyOf(resourceRoots);
    }

    /** Sets the resource roots; none means those found from the handler classes. */
    public DevTools resourceRoots(Path... roots) {
        resourceRoots.clear();
        resourceRoots.addAll(List.of(roots));
        return this;
    }

    /**
     * Directories the app's classes are compiled into (by Maven or an IDE); empty means those the
     * registered handler classes were loaded from.
     */
    public List<Path> classOutputDirs() {
        return List.copyOf(classOutputDirs);
    }

    /** Sets the class output directories; none means those the handler classes were loaded from. */
    public DevTools classOutputDirs(Path... dirs) {
        classOutputDirs.clear();
        classOutputDirs.addAll(List.of(dirs));
        return this;
    }

    private static Duration positive(String name, Duration value) {
        if (value == null || value.isZero() || value.isNegative()) {
            throw new IllegalArgumentException(name + " must be a positive duration, got " + value);
        }
        return value;
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
        if (liveReload() && !endpointRegistered) {
            app.register(new LiveReloadEndpoint(this, liveReloadTimeout()));
            endpointRegistered = true;
        }
        if (reload() && reloader == null) {
            reloader = Reloader.start(app, this, liveReload);
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
        return current != null && endpointRegistered && liveReload() && currentApp != null
                && currentApp.debug() ? current : null;
    }

    /** Why the last reload failed, or {@code null}. */
    ReloadProblem problem() {
        Reloader current = reloader;
        return current == null ? null : current.problem();
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
            classes.addAll(currentApp.applicationClasses());
        }
        return ProjectLayout.detect(classes, this);
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
            for (Class<?> type : currentApp.applicationClasses()) {
                loaders.add(type.getClassLoader());
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
