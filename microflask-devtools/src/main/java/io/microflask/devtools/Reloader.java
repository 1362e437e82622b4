package io.microflask.devtools;

import io.microflask.App;
import io.microflask.spi.ExtensionContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.InvocationTargetException;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Reloads an app in its own JVM: watches the sources, resources and class output directories;
 * compiles changed sources into a fresh directory (or takes classes an IDE compiled); loads the
 * app's classes in a new {@link ReloadingClassLoader}; calls the app's factory again with them
 * ({@link ExtensionContext#reloadApplication}), or, for an app not made by a factory, re-creates
 * the registered handler objects that have a no-argument constructor from the new classes and swaps
 * them in with {@link ExtensionContext#replaceHandlers}; either swap is atomic:
 * requests in flight finish on the old code, the next request runs the new. The server and its
 * socket are never touched.
 */
final class Reloader implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Reloader.class);

    /** Enough to warm the compiler up; more would only delay the first reload. */
    private static final int MAX_WARM_UP_SOURCES = 4;

    private final ExtensionContext app;
    private final DevTools settings;
    private final LiveReload liveReload;
    private final ProjectLayout layout;
    private final ClassLoader parentLoader;
    private final InProcessCompiler compiler;
    private final int release;
    private final List<Path> baseClassPath;
    /** Output directories of successful in-process compiles, newest first. */
    private final List<Path> generations = new ArrayList<>();
    /** Changed sources not yet compiled successfully (kept across a compile error). */
    private final Set<Path> pendingSources = new LinkedHashSet<>();
    private final Set<String> warnedClasses = new HashSet<>();
    private final SourceWatcher watcher;
    private volatile ReloadProblem problem;
    private volatile int reloads;

    private Reloader(ExtensionContext app, DevTools settings, LiveReload liveReload, ProjectLayout layout,
                     ClassLoader parentLoader, Class<?> sample) {
        this.app = app;
        this.settings = settings;
        this.liveReload = liveReload;
        this.layout = layout;
        this.parentLoader = parentLoader;
        this.compiler = settings.compileInProcess() ? InProcessCompiler.createOrNull() : null;
        if (settings.compileInProcess() && compiler == null) {
            log.warn("devtools cannot compile changed sources: this JVM ({}) has no Java compiler (a JRE?). Run the "
                    + "app on a JDK, or let your IDE compile on save: classes it writes to {} are reloaded.",
                    System.getProperty("java.home"), layout.classDirs());
        }
        this.release = settings.release() != 0 ? settings.release() : releaseOf(sample, layout.classDirs());
        this.baseClassPath = classPath(parentLoader, layout.classDirs());
        List<Path> watched = new ArrayList<>(layout.sourceRoots());
        watched.addAll(layout.resourceRoots());
        watched.addAll(layout.classDirs());
        this.watcher = new SourceWatcher(watched, settings.pollInterval(), settings.quietPeriod(), this::warmUp,
                this::onChange);
    }

    /**
     * Starts watching the app's project, or returns {@code null} (and says why) when none of its
     * handler classes was loaded from a directory and no setting names one.
     */
    static Reloader start(ExtensionContext app, DevTools settings, LiveReload liveReload) {
        List<Class<?>> classes = new ArrayList<>(app.applicationClasses());
        classes.remove(LiveReloadEndpoint.class);
        ProjectLayout layout = ProjectLayout.detect(classes, settings);
        Class<?> sample = null;
        for (Class<?> type : classes) {
            Path dir = ProjectLayout.classDirectory(type);
            if (dir != null && layout.classDirs().contains(dir)) {
                sample = type;
                break;
            }
        }
        if (layout.classDirs().isEmpty() || sample == null) {
            log.info("devtools: no reload, since no registered handler class was loaded from a class directory "
                    + "(they come from jars, or none is registered); set app.extension(DevTools.class).classOutputDirs(...) and "
                    + "sourceRoots(...) to reload anyway. Detailed error pages and live reload still work.");
            if (layout.resourceRoots().isEmpty()) {
                return null;
            }
        }
        ClassLoader parent = sample == null ? Reloader.class.getClassLoader() : sample.getClassLoader();
        Reloader reloader = new Reloader(app, settings, liveReload, layout, parent, sample);
        reloader.watcher.start();
        log.info("devtools: watching {} for changes (compile in process: {}, --release {})",
                describeRoots(layout), reloader.compiler != null, reloader.release);
        return reloader;
    }

    ProjectLayout layout() {
        return layout;
    }

    /** Why the last reload failed, or {@code null} when the running code is up to date. */
    ReloadProblem problem() {
        return problem;
    }

    /** How many reloads succeeded. */
    int reloads() {
        return reloads;
    }

    /** The class loader of the newest reload, or {@code null} before the first one. */
    ClassLoader currentLoader() {
        for (Class<?> type : app.applicationClasses()) {
            if (type.getClassLoader() instanceof ReloadingClassLoader loader) {
                return loader;
            }
        }
        return null;
    }

    private void warmUp() {
        if (compiler != null) {
            long start = System.nanoTime();
            compiler.warmUp(warmUpSources(), compileClassPath(), release);
            log.debug("compiler warmed up in {} ms", (System.nanoTime() - start) / 1_000_000);
        }
    }

    /** The source files of the registered handler classes: what the first save most likely changes. */
    private List<Path> warmUpSources() {
        List<Path> sources = new ArrayList<>();
        for (Class<?> type : app.applicationClasses()) {
            String relative = type.getName().replace('.', '/') + ".java";
            for (Path root : layout.sourceRoots()) {
                Path file = root.resolve(relative);
                if (Files.isRegularFile(file) && !sources.contains(file) && sources.size() < MAX_WARM_UP_SOURCES) {
                    sources.add(file);
                }
            }
        }
        return sources;
    }

    private void onChange(Set<Path> changed) {
        long start = System.nanoTime();
        List<Path> sources = new ArrayList<>();
        List<Path> classFiles = new ArrayList<>();
        List<Path> resources = new ArrayList<>();
        for (Path file : changed) {
            String name = file.getFileName().toString();
            if (name.endsWith(".java") && ProjectLayout.isUnder(file, layout.sourceRoots())) {
                sources.add(file);
            } else if (name.endsWith(".class") && ProjectLayout.isUnder(file, layout.classDirs())) {
                classFiles.add(file);
            } else if (ProjectLayout.isUnder(file, layout.resourceRoots())) {
                resources.add(file);
            }
        }
        if (sources.isEmpty() && classFiles.isEmpty()) {
            if (!resources.isEmpty()) {
                // Templates and static files are read fresh from the source tree in debug mode:
                // the browser only needs to refresh.
                log.info("changed {}: no reload needed; pages refresh", names(resources));
                liveReload.changed();
            }
            return;
        }
        List<String> what = names(changed);
        if (compiler == null) {
            if (classFiles.isEmpty()) {
                log.info("changed {}: waiting for the IDE to compile it (the in-process compile is off or this JVM "
                        + "has no compiler)", what);
                return;
            }
            swap(what, "", start);
            return;
        }
        for (Path source : sources) {
            if (Files.isRegularFile(source)) {
                pendingSources.add(source);
            } else {
                pendingSources.remove(source);
            }
        }
        dropOlderCompilesOf(classFiles);

        String compiled = "";
        pendingSources.removeIf(source -> !Files.isRegularFile(source));
        for (Path source : pendingSources) {
            if (isEmpty(source)) {
                // An editor that saves by truncating and writing was caught in between: an empty file
                // compiles to nothing, and the class would then come from target/classes, stale.
                // The rest of the save is a change of its own; reload then.
                log.info("changed {}: {} is empty, waiting for the save to complete", what, source.getFileName());
                return;
            }
        }
        if (!pendingSources.isEmpty()) {
            Path output;
            try {
                output = Files.createTempDirectory("microflask-reload-");
            } catch (IOException e) {
                log.error("devtools could not create a directory to compile into; the change is not reloaded", e);
                return;
            }
            List<Path> toCompile = List.copyOf(pendingSources);
            InProcessCompiler.Result result = compiler.compile(toCompile, output, compileClassPath(), release);
            if (!result.success()) {
                deleteTree(output);
                problem = new ReloadProblem(result.errors().size() == 1 ? "Compile error" : result.errors().size()
                        + " compile errors", result.errors(), null, what);
                StringBuilder text = new StringBuilder();
                for (CompileDiagnostic error : result.errors()) {
                    text.append("\n  ").append(error.toText());
                }
                log.warn("reload of {} failed to compile; the app keeps running the last good code until the errors "
                        + "are fixed:{}", what, text);
                liveReload.changed();
                return;
            }
            carryOver(output);
            pendingSources.clear();
            compiled = "; compiled " + toCompile.size() + (toCompile.size() == 1 ? " source" : " sources") + " in "
                    + result.millis() + " ms";
        }
        swap(what, compiled, start);
    }

    private static boolean isEmpty(Path source) {
        try {
            return Files.size(source) == 0;
        } catch (IOException gone) {
            return false; // removed meanwhile: the next change says so
        }
    }

    private void swap(List<String> what, String compiled, long start) {
        ReloadingClassLoader loader = new ReloadingClassLoader(newestGeneration(), layout.classDirs(), parentLoader);
        String renewedWhat;
        try {
            if (app.reloadApplication(loader)) {
                renewedWhat = "the app rebuilt by its factory";
            } else {
                List<Object> current = app.handlers();
                List<Object> renewed = new ArrayList<>(current.size());
                int count = 0;
                for (Object handler : current) {
                    Object fresh = recreate(handler, loader);
                    if (fresh != handler) {
                        count++;
                    }
                    renewed.add(fresh);
                }
                app.replaceHandlers(renewed);
                renewedWhat = count + " handler " + (count == 1 ? "object" : "objects") + " renewed";
            }
        } catch (Throwable failure) {
            if (failure instanceof VirtualMachineError fatal && !(failure instanceof OutOfMemoryError)) {
                throw fatal;
            }
            Throwable cause = failure instanceof InvocationTargetException ite && ite.getCause() != null
                    ? ite.getCause() : failure;
            problem = new ReloadProblem("Reload failed", List.of(), cause, what);
            log.warn("reload of {} failed; the app keeps running the last good code: {}", what, cause.toString(),
                    cause);
            liveReload.changed();
            return;
        }
        problem = null;
        reloads++;
        liveReload.changed();
        log.info("reloaded {} in {} ms{}; {}, routes swapped", what, (System.nanoTime() - start) / 1_000_000,
                compiled, renewedWhat);
    }

    private List<Path> newestGeneration() {
        return generations.isEmpty() ? List.of() : List.of(generations.get(0));
    }

    private Object recreate(Object handler, ReloadingClassLoader loader) throws Exception {
        Class<?> type = handler.getClass();
        if (!isReloadable(type)) {
            return handler;
        }
        Class<?> fresh = loader.loadClass(type.getName());
        try {
            return fresh.getConstructor().newInstance();
        } catch (NoSuchMethodException e) {
            if (warnedClasses.add(type.getName())) {
                log.warn("{} has no public no-argument constructor, so devtools keeps the object registered at start "
                        + "and changes to it are not reloaded. Build the app in a factory instead, which devtools "
                        + "calls again on every change: App.run(MyApp::create, args)", type.getName());
            }
            return handler;
        }
    }

    private boolean isReloadable(Class<?> type) {
        if (type.getClassLoader() instanceof ReloadingClassLoader) {
            return true;
        }
        Path dir = ProjectLayout.classDirectory(type);
        return dir != null && layout.classDirs().contains(dir);
    }

    /** Classes an IDE just compiled are newer than what an earlier in-process compile made of them. */
    private void dropOlderCompilesOf(List<Path> classFiles) {
        for (Path classFile : classFiles) {
            for (Path dir : layout.classDirs()) {
                if (classFile.startsWith(dir)) {
                    Path relative = dir.relativize(classFile);
                    for (Path generation : generations) {
                        try {
                            Files.deleteIfExists(generation.resolve(relative.toString()));
                        } catch (IOException e) {
                            log.debug("could not delete {}", generation.resolve(relative.toString()), e);
                        }
                    }
                }
            }
        }
    }

    /**
     * Makes {@code output} the one directory of in-process compiles: classes compiled earlier and
     * not compiled again are copied in. The previous directory stays (requests still running on
     * the old code may load classes from it); older ones are deleted.
     */
    private void carryOver(Path output) {
        if (!generations.isEmpty()) {
            Path previous = generations.get(0);
            try (Stream<Path> files = Files.walk(previous)) {
                for (Path file : (Iterable<Path>) files::iterator) {
                    Path target = output.resolve(previous.relativize(file).toString());
                    if (Files.isRegularFile(file) && !Files.exists(target)) {
                        Files.createDirectories(target.getParent());
                        Files.copy(file, target);
                    }
                }
            } catch (IOException e) {
                log.warn("could not carry earlier reloaded classes over from {}; the next reload may lose them",
                        previous, e);
            }
        }
        generations.add(0, output);
        while (generations.size() > 2) {
            deleteTree(generations.remove(generations.size() - 1));
        }
    }

    private List<Path> compileClassPath() {
        List<Path> path = new ArrayList<>(newestGeneration());
        path.addAll(layout.classDirs());
        path.addAll(baseClassPath);
        return path;
    }

    /** The class path the app runs with, for the compiler: every loader's URLs and java.class.path. */
    private static List<Path> classPath(ClassLoader loader, List<Path> classDirs) {
        Set<Path> entries = new LinkedHashSet<>();
        for (ClassLoader l = loader; l != null; l = l.getParent()) {
            if (l instanceof URLClassLoader urls) {
                for (URL url : urls.getURLs()) {
                    addFileUrl(entries, url);
                }
            }
        }
        for (String entry : System.getProperty("java.class.path", "").split(File.pathSeparator)) {
            if (!entry.isBlank()) {
                entries.add(Path.of(entry).toAbsolutePath().normalize());
            }
        }
        for (Class<?> type : List.of(App.class, org.slf4j.Logger.class)) {
            CodeSource source = type.getProtectionDomain().getCodeSource();
            if (source != null && source.getLocation() != null) {
                addFileUrl(entries, source.getLocation());
            }
        }
        entries.removeAll(classDirs);
        entries.removeIf(path -> !Files.exists(path));
        return List.copyOf(entries);
    }

    private static void addFileUrl(Set<Path> entries, URL url) {
        if ("file".equals(url.getProtocol())) {
            try {
                entries.add(Path.of(url.toURI()).toAbsolutePath().normalize());
            } catch (URISyntaxException | IllegalArgumentException e) {
                // not a plain file URL: the compiler cannot use it
            }
        }
    }

    /** The {@code --release} of the app's class files (their major version), or 17. */
    static int releaseOf(Class<?> sample, List<Path> classDirs) {
        int runtime = Runtime.version().feature();
        if (sample != null) {
            for (Path dir : classDirs) {
                Path file = dir.resolve(ReloadingClassLoader.classFile(sample.getName()));
                if (Files.isRegularFile(file)) {
                    try (InputStream in = Files.newInputStream(file)) {
                        byte[] header = in.readNBytes(8);
                        if (header.length == 8) {
                            int major = ((header[6] & 0xff) << 8) | (header[7] & 0xff);
                            int release = major - 44;
                            if (release >= 8 && release <= runtime) {
                                return release;
                            }
                        }
                    } catch (IOException e) {
                        log.debug("could not read {}", file, e);
                    }
                }
            }
        }
        return Math.min(17, runtime);
    }

    private static String describeRoots(ProjectLayout layout) {
        List<String> parts = new ArrayList<>();
        layout.sourceRoots().forEach(p -> parts.add(p.toString()));
        layout.resourceRoots().forEach(p -> parts.add(p.toString()));
        layout.classDirs().forEach(p -> parts.add(p.toString()));
        return String.join(", ", parts);
    }

    private static List<String> names(Iterable<Path> files) {
        List<String> names = new ArrayList<>();
        for (Path file : files) {
            names.add(file.getFileName().toString());
        }
        return names;
    }

    @Override
    public void close() {
        watcher.close();
        if (compiler != null) {
            compiler.close();
        }
        for (Path generation : generations) {
            deleteTree(generation);
        }
    }

    static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            walk.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.deleteIfExists(path);
                } catch (IOException e) {
                    log.debug("could not delete {}", path, e);
                }
            });
        } catch (IOException e) {
            log.debug("could not delete {}", root, e);
        }
    }
}
