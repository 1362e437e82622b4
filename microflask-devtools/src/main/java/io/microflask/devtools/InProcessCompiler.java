package io.microflask.devtools;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.StandardLocation;
import javax.tools.ToolProvider;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Compiles changed sources with the JDK's compiler in this JVM ({@code javax.tools}), into a
 * directory of their own, with {@code -g} (so a debugger sees lines and locals), {@code -parameters}
 * (so handler parameters bind by name) and the app's {@code --release}.
 */
final class InProcessCompiler {
    private static final Logger log = LoggerFactory.getLogger(InProcessCompiler.class);

    private final JavaCompiler compiler;
    private StandardJavaFileManager fileManager;

    private InProcessCompiler(JavaCompiler compiler) {
        this.compiler = compiler;
    }

    /** The compiler, or {@code null} when this JVM is a JRE without {@code javax.tools}' compiler. */
    static InProcessCompiler createOrNull() {
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        return compiler == null ? null : new InProcessCompiler(compiler);
    }

    /** The outcome of one compile. */
    record Result(boolean success, List<CompileDiagnostic> errors, long millis) {
    }

    /**
     * Compiles {@code sources} into {@code outputDir}. Classes they use are looked up on
     * {@code classPath} in order, so newer compile outputs go first.
     */
    synchronized Result compile(List<Path> sources, Path outputDir, List<Path> classPath, int release) {
        long start = System.nanoTime();
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        StandardJavaFileManager files = fileManager();
        try {
            files.setLocationFromPaths(StandardLocation.CLASS_OUTPUT, List.of(outputDir));
            files.setLocationFromPaths(StandardLocation.CLASS_PATH, classPath);
        } catch (IOException e) {
            throw new UncheckedIOException("could not set up the compiler's paths: " + e.getMessage(), e);
        }
        List<String> options = new ArrayList<>(List.of("-g", "-parameters", "-proc:none", "-implicit:none",
                "-encoding", "UTF-8", "-Xlint:none"));
        options.addAll(releaseOptions(release));
        StringWriter output = new StringWriter();
        Boolean ok = compiler.getTask(output, files, diagnostics, options, null,
                files.getJavaFileObjectsFromPaths(sources)).call();
        List<CompileDiagnostic> errors = new ArrayList<>();
        for (Diagnostic<? extends JavaFileObject> d : diagnostics.getDiagnostics()) {
            if (d.getKind() != Diagnostic.Kind.ERROR) {
                continue;
            }
            Path file = null;
            if (d.getSource() != null) {
                try {
                    file = Path.of(d.getSource().toUri());
                } catch (IllegalArgumentException | java.nio.file.FileSystemNotFoundException e) {
                    file = null;
                }
            }
            errors.add(new CompileDiagnostic(file, Math.max(0, d.getLineNumber()), Math.max(0, d.getColumnNumber()),
                    d.getMessage(Locale.ROOT)));
        }
        if (!Boolean.TRUE.equals(ok) && errors.isEmpty()) {
            errors.add(new CompileDiagnostic(null, 0, 0, output.toString().isBlank()
                    ? "the compiler failed without a message" : output.toString().trim()));
        }
        return new Result(Boolean.TRUE.equals(ok), errors, (System.nanoTime() - start) / 1_000_000);
    }

    /**
     * Compiles the app's own sources a few times into a throwaway directory, so that the
     * compiler's classes are loaded and JIT-compiled and the class path's jars are open before
     * the first real save; a trivial class when there is no source yet.
     */
    void warmUp(List<Path> sources, List<Path> classPath, int release) {
        Path dir = null;
        try {
            dir = Files.createTempDirectory("microflask-warmup-");
            for (int round = 0; round < 3; round++) {
                DiagnosticCollector<JavaFileObject> ignored = new DiagnosticCollector<>();
                synchronized (this) {
                    StandardJavaFileManager files = fileManager();
                    files.setLocationFromPaths(StandardLocation.CLASS_OUTPUT, List.of(dir));
                    files.setLocationFromPaths(StandardLocation.CLASS_PATH, classPath);
                    List<String> options = new ArrayList<>(List.of("-g", "-parameters", "-proc:none",
                            "-implicit:none", "-encoding", "UTF-8", "-Xlint:none"));
                    options.addAll(releaseOptions(release));
                    Iterable<? extends JavaFileObject> units = sources.isEmpty()
                            ? List.of(trivialSource()) : files.getJavaFileObjectsFromPaths(sources);
                    compiler.getTask(null, files, ignored, options, null, units).call();
                }
            }
        } catch (IOException | RuntimeException e) {
            log.debug("compiler warm-up failed; the first reload will be slower", e);
        } finally {
            if (dir != null) {
                Reloader.deleteTree(dir);
            }
        }
    }

    private static JavaFileObject trivialSource() {
        return new SimpleJavaFileObject(URI.create("string:///MicroflaskWarmUp.java"), JavaFileObject.Kind.SOURCE) {
            @Override
            public CharSequence getCharContent(boolean ignoreEncodingErrors) {
                return "class MicroflaskWarmUp { String hello() { return \"hello\"; } }";
            }
        };
    }

    /**
     * {@code --release N} for an older release; none for this JVM's own, which is the same API
     * and spares reading the platform's signature file on every compile.
     */
    private static List<String> releaseOptions(int release) {
        return release >= Runtime.version().feature() ? List.of() : List.of("--release", String.valueOf(release));
    }

    private synchronized StandardJavaFileManager fileManager() {
        if (fileManager == null) {
            // Kept across compiles: it caches opened jars, which is most of a warm compile's cost.
            fileManager = compiler.getStandardFileManager(null, Locale.ROOT, StandardCharsets.UTF_8);
        }
        return fileManager;
    }

    synchronized void close() {
        if (fileManager != null) {
            try {
                fileManager.close();
            } catch (IOException e) {
                log.debug("closing the compiler's file manager failed", e);
            }
            fileManager = null;
        }
    }
}
