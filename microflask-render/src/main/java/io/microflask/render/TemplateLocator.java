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
 * Finds template files for Mustache, as Flask's loader does: in the app's {@code templates/}
 * on the classpath, then in each blueprint's template folder in registration order; when
 * templates are read fresh (debug mode), each of these folders is first read from its source
 * directory. It remembers where each template came from so that error messages can name the file.
 */
final class TemplateLocator implements MustacheResolver {
    static final String CLASSPATH_ROOT = "templates";
    /** The name a template rendered from a string goes by: at the root, so its partials are found from there. */
    static final String STRING_TEMPLATE = "(string).mustache";

    private final List<Root> roots;
    private final ClassLoader loader;
    private final Map<String, Source> sources = new ConcurrentHashMap<>();

    /** Where one template was read from: for people, and as a file when it is one. */
    record Source(String description, Path file) {
    }

    /**
     * One place templates are looked for.
     *
     * @param folder    the folder on the classpath, {@code "templates"} for the app's
     * @param directory the directory read before it (fresh reads), or {@code null} for the classpath only
     */
    record Root(String folder, Path directory) {
        Root {
            directory = directory == null ? null : directory.toAbsolutePath().normalize();
        }
    }

    /** Templates from these roots, the first that has a template winning. */
    TemplateLocator(List<Root> roots, ClassLoader loader) {
        this.roots = List.copyOf(roots);
        this.loader = loader;
    }

    /** The classpath folders looked in, in order. */
    List<String> folders() {
        List<String> folders = new ArrayList<>(roots.size());
        for (Root root : roots) {
            folders.add(root.folder());
        }
        return folders;
    }

    @Override
    public Reader getReader(String resourceName) {
        String name = normalize(resourceName);
        if (name == null) {
            return null;
        }
        try {
            for (Root root : roots) {
                if (root.directory() != null) {
                    Path file = root.directory().resolve(name);
                    if (Files.isRegularFile(file)) {
                        Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
                        sources.put(name, new Source(describe(file), file));
                        return reader;
                    }
                }
                URL url = loader.getResource(root.folder() + "/" + name);
                if (url != null) {
                    Reader reader = new InputStreamReader(url.openStream(), StandardCharsets.UTF_8);
                    Path file = asFile(url);
                    sources.put(name, new Source(file != null ? describe(file) : url.toString(), file));
                    return reader;
                }
            }
            return null;
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
        for (Root root : roots) {
            if ((root.directory() != null && Files.isRegularFile(root.directory().resolve(name)))
                    || loader.getResource(root.folder() + "/" + name) != null) {
                return true;
            }
        }
        return false;
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
        for (Root root : roots) {
            boolean app = root.folder().equals(CLASSPATH_ROOT);
            if (root.directory() != null) {
                searched.add(describe(root.directory().resolve(name)) + (app
                        ? " (the templates directory, read fresh on every render)"
                        : " (the source of a blueprint's template folder, read fresh on every render)"));
            }
            List<URL> found;
            try {
                found = Collections.list(loader.getResources(root.folder()));
            } catch (IOException e) {
                found = List.of();
            }
            if (found.isEmpty()) {
                searched.add("classpath:" + root.folder() + "/" + name + " (there is no " + root.folder()
                        + "/ directory on the classpath at all)");
            }
            String where = app ? " (classpath)" : " (classpath, a blueprint's template folder)";
            for (URL folder : found) {
                Path file = asFile(folder);
                searched.add((file != null ? describe(file.resolve(name)) : folder + "/" + name) + where);
            }
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
