package io.microflask.render;

import com.github.mustachejava.MustacheResolver;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Finds template files for Mustache: first in the templates directory when templates are read
 * fresh (devtools' mode), then under {@code templates/} on the classpath, as Flask does. It
 * remembers where each template came from so that error messages can name the file.
 */
final class TemplateLocator implements MustacheResolver {
    static final String CLASSPATH_ROOT = "templates";
    /** The name a template rendered from a string goes by: at the root, so its partials are found from there. */
    static final String STRING_TEMPLATE = "(string).mustache";

    private final Path directory;
    private final ClassLoader loader;
    private final Map<String, Source> sources = new ConcurrentHashMap<>();

    /** Where one template was read from: for people, and as a file when it is one. */
    record Source(String description, Path file) {
    }

    /**
     * @param directory the directory read before the classpath, or {@code null} to read only the
     *                  classpath
     */
    TemplateLocator(Path directory, ClassLoader loader) {
        this.directory = directory == null ? null : directory.toAbsolutePath().normalize();
        this.loader = loader;
    }

    @Override
    public Reader getReader(String resourceName) {
        String name = normalize(resourceName);
        if (name == null) {
            return null;
        }
        try {
            if (directory != null) {
                Path file = directory.resolve(name);
                if (Files.isRegularFile(file)) {
                    Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
                    sources.put(name, new Source(describe(file), file));
                    return reader;
                }
            }
            URL url = loader.getResource(CLASSPATH_ROOT + "/" + name);
            if (url == null) {
                return null;
            }
            Reader reader = new InputStreamReader(url.openStream(), StandardCharsets.UTF_8);
            Path file = asFile(url);
            sources.put(name, new Source(file != null ? describe(file) : url.toString(), file));
            return reader;
        } catch (IOException e) {
            throw new UncheckedIOException("could not read template " + name + ": " + e.getMessage(), e);
        }
    }

    /** Whether {@link #getReader} would find {@code resourceName}. */
    boolean exists(String resourceName) {
        String name = normalize(resourceName);
        if (name == null) {
            return false;
        }
        return (directory != null && Files.isRegularFile(directory.resolve(name)))
                || loader.getResource(CLASSPATH_ROOT + "/" + name) != null;
    }

    /** Where a template Mustache knows by {@code name} was read from. */
    Source source(String name) {
        if (STRING_TEMPLATE.equals(name)) {
            return new Source("the template given as a string", null);
        }
        String normalized = normalize(name);
        Source source = normalized == null ? null : sources.get(normalized);
        return source != null ? source
                : new Source(CLASSPATH_ROOT + "/" + (normalized != null ? normalized : name), null);
    }

    /** Every place {@link #getReader} looks for a template, in order, for not-found messages. */
    List<String> searchedLocations(String resourceName) {
        String name = normalize(resourceName);
        List<String> searched = new ArrayList<>();
        if (name == null) {
            searched.add(resourceName + " points outside the templates directory; template names are relative to "
                    + CLASSPATH_ROOT + "/ and cannot leave it with '..'");
            return searched;
        }
        if (directory != null) {
            searched.add(describe(directory.resolve(name)) + " (the templates directory, read fresh on every render)");
        }
        List<URL> roots;
        try {
            roots = Collections.list(loader.getResources(CLASSPATH_ROOT));
        } catch (IOException e) {
            roots = List.of();
        }
        if (roots.isEmpty()) {
            searched.add("classpath:" + CLASSPATH_ROOT + "/" + name
                    + " (there is no " + CLASSPATH_ROOT + "/ directory on the classpath at all)");
        }
        for (URL root : roots) {
            Path file = asFile(root);
            searched.add(file != null ? describe(file.resolve(name)) + " (classpath)"
                    : root + "/" + name + " (classpath)");
        }
        return searched;
    }

    /**
     * {@code "admin/../index.mustache"} to {@code "index.mustache"}: Mustache builds partial names
     * by plain concatenation, and a name must not climb out of the templates root. Returns
     * {@code null} for a name that would.
     */
    static String normalize(String name) {
        Deque<String> parts = new ArrayDeque<>();
        for (String part : name.replace('\\', '/').split("/")) {
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            if (part.equals("..")) {
                if (parts.isEmpty()) {
                    return null;
                }
                parts.removeLast();
            } else {
                parts.addLast(part);
            }
        }
        return parts.isEmpty() ? null : String.join("/", parts);
    }

    private static Path asFile(URL url) {
        if (!"file".equals(url.getProtocol())) {
            return null;
        }
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException | IllegalArgumentException e) {
            return null;
        }
    }

    /** A path relative to the working directory when it is inside it: shorter, and what IDEs link. */
    private static String describe(Path file) {
        Path absolute = file.toAbsolutePath().normalize();
        Path workingDirectory = Path.of("").toAbsolutePath();
        return absolute.startsWith(workingDirectory) ? workingDirectory.relativize(absolute).toString()
                : absolute.toString();
    }
}
