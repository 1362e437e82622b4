package io.microflask.devtools;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * Settings of microflask-devtools, read when the server starts:
 * {@code app.extension(DevTools.class).settings().editor(Editor.INTELLIJ)}.
 *
 * <p>Source roots, resource roots and class output directories are found from where the
 * registered handler classes were loaded ({@code target/classes} means {@code src/main/java} and
 * {@code src/main/resources} next to {@code target}); set them here when the project is laid out
 * otherwise.
 */
public final class DevToolsSettings {
    private Editor editor = Editor.VSCODE;
    private boolean liveReload = true;
    private boolean reload = true;
    private boolean compileInProcess = true;
    private int release;
    private Duration pollInterval = Duration.ofMillis(100);
    private Duration quietPeriod = Duration.ofMillis(40);
    private Duration liveReloadTimeout = Duration.ofSeconds(25);
    private final List<Path> sourceRoots = new ArrayList<>();
    private final List<Path> resourceRoots = new ArrayList<>();
    private final List<Path> classOutputDirs = new ArrayList<>();
    private final Map<String, Function<Class<?>, Object>> handlerFactories = new LinkedHashMap<>();

    /** The editor that error-page links open. Default {@link Editor#VSCODE}. */
    public Editor editor() {
        return editor;
    }

    public DevToolsSettings editor(Editor editor) {
        this.editor = Objects.requireNonNull(editor, "editor");
        return this;
    }

    /** Whether HTML pages get the script that refreshes them after a reload. Default true. */
    public boolean liveReload() {
        return liveReload;
    }

    public DevToolsSettings liveReload(boolean enabled) {
        this.liveReload = enabled;
        return this;
    }

    /** Whether source changes are watched and reloaded in debug mode. Default true. */
    public boolean reload() {
        return reload;
    }

    public DevToolsSettings reload(boolean enabled) {
        this.reload = enabled;
        return this;
    }

    /**
     * Whether changed {@code .java} files are compiled in this JVM. Default true; with false only
     * classes an IDE compiled into the class output directories are reloaded.
     */
    public boolean compileInProcess() {
        return compileInProcess;
    }

    public DevToolsSettings compileInProcess(boolean enabled) {
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

    public DevToolsSettings release(int release) {
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

    public DevToolsSettings pollInterval(Duration interval) {
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

    public DevToolsSettings quietPeriod(Duration period) {
        this.quietPeriod = Objects.requireNonNull(period, "quietPeriod");
        return this;
    }

    /** How often a page's live-reload event stream gets a keep-alive comment while nothing changes. Default 25 s. */
    public Duration liveReloadTimeout() {
        return liveReloadTimeout;
    }

    public DevToolsSettings liveReloadTimeout(Duration timeout) {
        this.liveReloadTimeout = positive("liveReloadTimeout", timeout);
        return this;
    }

    /** Directories of {@code .java} sources; empty (the default) means found from the class output directories. */
    public List<Path> sourceRoots() {
        return List.copyOf(sourceRoots);
    }

    public DevToolsSettings sourceRoots(Path... roots) {
        sourceRoots.clear();
        sourceRoots.addAll(List.of(roots));
        return this;
    }

    /** Directories of resources (templates, static files); empty means found like the source roots. */
    public List<Path> resourceRoots() {
        return List.copyOf(resourceRoots);
    }

    public DevToolsSettings resourceRoots(Path... roots) {
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

    public DevToolsSettings classOutputDirs(Path... dirs) {
        classOutputDirs.clear();
        classOutputDirs.addAll(List.of(dirs));
        return this;
    }

    /**
     * How to create a reloaded handler class that has no public no-argument constructor, e.g.
     * {@code handlerFactory("com.example.NotesApi", type -> type.getConstructor(String.class).newInstance("notes"))}.
     * The factory gets the freshly loaded class. Without one, such an object is kept as it is.
     */
    public DevToolsSettings handlerFactory(String className, ClassFactory factory) {
        Objects.requireNonNull(factory, "factory");
        handlerFactories.put(Objects.requireNonNull(className, "className"), type -> {
            try {
                return factory.create(type);
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new IllegalStateException("the handler factory for " + className + " failed: " + e, e);
            }
        });
        return this;
    }

    Function<Class<?>, Object> handlerFactory(String className) {
        return handlerFactories.get(className);
    }

    /** Creates an instance of a freshly loaded handler class. */
    @FunctionalInterface
    public interface ClassFactory {
        Object create(Class<?> type) throws Exception;
    }

    private static Duration positive(String name, Duration value) {
        if (value == null || value.isZero() || value.isNegative()) {
            throw new IllegalArgumentException(name + " must be a positive duration, got " + value);
        }
        return value;
    }
}
