package io.microflask.devtools;

import io.microflask.App;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;

/**
 * A throwaway Maven-shaped project ({@code src/main/java}, {@code src/main/resources},
 * {@code target/classes}) whose classes are compiled and loaded the way {@code mvn compile exec:java}
 * would, for reload tests.
 */
final class TempProject implements AutoCloseable {
    final Path root;
    final Path sources;
    final Path resources;
    final Path classes;
    private URLClassLoader loader;

    TempProject() throws IOException {
        root = Files.createTempDirectory("microflask-devtools-test-");
        sources = Files.createDirectories(root.resolve("src/main/java"));
        resources = Files.createDirectories(root.resolve("src/main/resources"));
        classes = Files.createDirectories(root.resolve("target/classes"));
    }

    /** Writes a source file, e.g. {@code write("example/reload/GreetingApp.java", text)}. */
    Path writeSource(String relative, String text) throws IOException {
        return write(sources.resolve(relative), text);
    }

    Path writeResource(String relative, String text) throws IOException {
        return write(resources.resolve(relative), text);
    }

    /**
     * Saves new content as an editor does. The modification time is moved forward explicitly so
     * that a file system with coarse timestamps still shows the change.
     */
    static Path write(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        boolean existed = Files.exists(file);
        FileTime before = existed ? Files.getLastModifiedTime(file) : null;
        Files.writeString(file, text, StandardCharsets.UTF_8);
        if (existed && !Files.getLastModifiedTime(file).toInstant().isAfter(before.toInstant())) {
            Files.setLastModifiedTime(file, FileTime.from(before.toInstant().plusMillis(10)));
        }
        return file;
    }

    /** Compiles every source into target/classes, as Maven would before the app starts. */
    void compile() throws IOException {
        List<String> files = new ArrayList<>();
        try (var walk = Files.walk(sources)) {
            walk.filter(p -> p.toString().endsWith(".java")).forEach(p -> files.add(p.toString()));
        }
        compile(files);
    }

    /**
     * Compiles one class from text kept outside the watched source tree into target/classes, as
     * an IDE's build writes class files: only the {@code .class} files change.
     */
    void compileAsIde(String relative, String text) throws IOException {
        Path outside = Files.createTempDirectory("microflask-ide-");
        try {
            compile(List.of(write(outside.resolve(relative), text).toString()));
        } finally {
            Reloader.deleteTree(outside);
        }
    }

    private void compile(List<String> files) {
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        List<String> arguments = new ArrayList<>(List.of("-g", "-parameters", "--release", "17", "-d",
                classes.toString(), "-cp", classes + File.pathSeparator + System.getProperty("java.class.path")
                        + File.pathSeparator + codeSourceOf(App.class)));
        arguments.addAll(files);
        ByteArrayOutputStream errors = new ByteArrayOutputStream();
        int status = compiler.run(null, null, errors, arguments.toArray(String[]::new));
        if (status != 0) {
            throw new IllegalStateException("the test project does not compile:\n" + errors);
        }
    }

    /** Loads a class of the project like the app class loader of {@code java -cp target/classes}. */
    Object newInstance(String className) throws Exception {
        return loader().loadClass(className).getConstructor().newInstance();
    }

    /** A class of the project, loaded as {@link #newInstance} loads it. */
    Class<?> loadClass(String className) throws Exception {
        return loader().loadClass(className);
    }

    /** An instance made with a one-String constructor. */
    Object newInstance(String className, String argument) throws Exception {
        return loader().loadClass(className).getConstructor(String.class).newInstance(argument);
    }

    private ClassLoader loader() throws IOException {
        if (loader == null) {
            loader = new URLClassLoader(new URL[]{classes.toUri().toURL()}, TempProject.class.getClassLoader());
        }
        return loader;
    }

    private static String codeSourceOf(Class<?> type) {
        try {
            return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() throws IOException {
        if (loader != null) {
            loader.close();
        }
        Reloader.deleteTree(root);
    }
}
