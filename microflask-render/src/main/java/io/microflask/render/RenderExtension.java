package io.microflask.render;

import com.github.mustachejava.Mustache;
import com.github.mustachejava.MustacheException;
import com.github.mustachejava.ObjectHandler;
import io.microflask.Request;
import io.microflask.Response;
import io.microflask.util.ClasspathFolders;
import io.microflask.util.Html;
import io.microflask.spi.Extension;
import io.microflask.spi.ExtensionContext;
import io.microflask.spi.ExtensionRegistry;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * Mustache templates for microflask, Flask's {@code render_template}: a handler returns a
 * {@link View} (or calls {@link Templates#render}) and gets HTML rendered from
 * {@code templates/} on the classpath, then from the template folders of the app's blueprints
 * ({@code Blueprint.templateFolder}), in the order they were registered.
 *
 * <p>Installed automatically when microflask-render is on the classpath; its settings are
 * reached with {@code app.extension(RenderExtension.class)}.
 *
 * <p>Templates are compiled once and cached, except in fresh-read mode (see {@link #reloading()}),
 * where every render reads them again from the templates directory, so that edits show on the
 * next request without a restart.
 */
public final class RenderExtension implements Extension {
    private static final Logger log = LoggerFactory.getLogger(RenderExtension.class);

    /** The default templates directory for fresh reads, relative to the working directory. */
    public static final Path DEFAULT_TEMPLATES_DIRECTORY = Path.of("src", "main", "resources", "templates");
    /** The extension a template name without one gets. */
    public static final String TEMPLATE_SUFFIX = ".mustache";
    /** The order of this extension: before catch-all writers such as microflask-json's. */
    public static final int ORDER = 100;

    private static final int DEFAULT_INITIAL_BUFFER = 4 * 1024;
    private static final int MAX_INITIAL_BUFFER = 1024 * 1024;

    /** Names every template has from this extension itself; a global may not take them. */
    private static final java.util.Set<String> RESERVED = java.util.Set.of("request", "g", "session", "flashes",
            "url_for", "loop");

    private final Map<String, TemplateFilter> filters = new ConcurrentHashMap<>();
    private final Map<String, Object> globals = new ConcurrentHashMap<>();
    private final ObjectHandler objectHandler = new TemplateValues(filters);
    private final List<Function<Request, ? extends Map<String, ?>>> contextProcessors = new CopyOnWriteArrayList<>();
    // Rendered sizes seen per template, so the next body buffer starts big enough and rarely grows.
    private final Map<String, Integer> sizeHints = new ConcurrentHashMap<>();
    private final ClassLoader classLoader;
    private volatile ExtensionContext app;
    private volatile Path templatesDirectory = DEFAULT_TEMPLATES_DIRECTORY;
    private volatile Boolean autoReload;
    private volatile CachingCompiler cachingCompiler;
    private volatile Path announcedFreshDirectory;

    /** An extension reading templates through the thread's context class loader (or this module's). */
    public RenderExtension() {
        this(Thread.currentThread().getContextClassLoader() != null ? Thread.currentThread().getContextClassLoader()
                : RenderExtension.class.getClassLoader());
    }

    /**
     * An extension reading {@code templates/} through the given class loader, for apps made with
     * {@code App.withoutExtensionDiscovery()} that keep templates somewhere special.
     */
    public RenderExtension(ClassLoader classLoader) {
        this.classLoader = Objects.requireNonNull(classLoader, "classLoader");
    }

    @Override
    public String name() {
        return "microflask-render";
    }

    @Override
    public int order() {
        return ORDER;
    }

    @Override
    public synchronized void install(ExtensionRegistry registry) {
        if (app != null && app != registry.app()) {
            throw new IllegalStateException("this RenderExtension is already installed in another app; "
                    + "install a new RenderExtension() in each app");
        }
        app = registry.app();
        registry.addResultWriter(new ViewWriter(this));
    }

    // ---- settings ----

    /**
     * The directory read in fresh-read mode, before the classpath. Default
     * {@code src/main/resources/templates}, relative to the working directory: the source of the
     * classpath's {@code templates/} in a Maven project run from its module directory.
     */
    public Path templatesDirectory() {
        return templatesDirectory;
    }

    /** Sets the directory fresh reads use; see {@link #templatesDirectory()}. */
    public RenderExtension templatesDirectory(Path directory) {
        this.templatesDirectory = Objects.requireNonNull(directory, "directory");
        return this;
    }

    /**
     * Whether templates are read fresh on every render: {@code true} always, {@code false} never
     * (compile once, cache), {@code null} (the default) decides by {@link #reloading()}.
     */
    public Boolean autoReload() {
        return autoReload;
    }

    /** Sets whether templates are read fresh on each render; {@code null} decides by debug mode. */
    public RenderExtension autoReload(Boolean reload) {
        this.autoReload = reload;
        return this;
    }

    /**
     * Whether the next render reads its templates fresh. With {@link #autoReload()} unset: when the
     * app runs in debug mode ({@code app.debug()}) and {@link #templatesDirectory()} is an
     * existing directory, or a blueprint's template folder has its source directory (see
     * {@link #freshRoots}). Otherwise templates are compiled once and cached (production).
     */
    public boolean reloading() {
        ExtensionContext owner = app;
        return freshRootsToRead(owner == null ? List.of() : owner.blueprintTemplateFolders()) != null;
    }

    /** The roots fresh reads look in when the next render reads fresh (see {@link #reloading()}), else {@code null}. */
    private List<TemplateLocator.Root> freshRootsToRead(List<String> blueprintFolders) {
        Boolean reload = autoReload;
        if (reload != null) {
            return reload ? freshRoots(blueprintFolders) : null;
        }
        ExtensionContext owner = app;
        if (owner == null || !owner.debug()) {
            return null;
        }
        List<TemplateLocator.Root> roots = freshRoots(blueprintFolders);
        for (TemplateLocator.Root root : roots) {
            if (root.directory() != null && Files.isDirectory(root.directory())) {
                return roots;
            }
        }
        return null;
    }

    /**
     * The directory fresh reads use: {@link #templatesDirectory()} when it exists; else, when the
     * classpath's {@code templates/} is a directory of a Maven or Gradle build ({@code .../target/classes/templates}),
     * the source directory beside it ({@code .../src/main/resources/templates}), so that an app
     * started from the repository root ({@code mvn -pl samples exec:java}) still finds its sources.
     */
    Path freshDirectory() {
        Path configured = templatesDirectory;
        if (Files.isDirectory(configured) || configured != DEFAULT_TEMPLATES_DIRECTORY) {
            return configured;
        }
        Path source = ClasspathFolders.sourceFolder(classLoader, TemplateLocator.CLASSPATH_ROOT);
        return source != null ? source : configured;
    }

    /**
     * Where fresh reads look, in order: the app's {@code templates/} (from {@link #freshDirectory()}
     * first), then each blueprint's template folder (from its source folder first, when the build
     * copied it from one, e.g. {@code src/main/resources/admin/templates}).
     */
    private List<TemplateLocator.Root> freshRoots(List<String> blueprintFolders) {
        List<TemplateLocator.Root> roots = new ArrayList<>(1 + blueprintFolders.size());
        roots.add(new TemplateLocator.Root(TemplateLocator.CLASSPATH_ROOT, freshDirectory()));
        for (String folder : blueprintFolders) {
            roots.add(new TemplateLocator.Root(folder, ClasspathFolders.sourceFolder(classLoader, folder)));
        }
        return roots;
    }

    /** The app's {@code templates/} and then the blueprints' folders, on the classpath only. */
    private static List<TemplateLocator.Root> classpathRoots(List<String> blueprintFolders) {
        List<TemplateLocator.Root> roots = new ArrayList<>(1 + blueprintFolders.size());
        roots.add(new TemplateLocator.Root(TemplateLocator.CLASSPATH_ROOT, null));
        for (String folder : blueprintFolders) {
            roots.add(new TemplateLocator.Root(folder, null));
        }
        return roots;
    }

    /**
     * Adds values every template sees, computed per request (Flask's {@code context_processor}):
     * {@code render.contextProcessor(request -> Map.of("user", currentUser(request)))}. A view's
     * own model wins over these when both name the same value.
     */
    public RenderExtension contextProcessor(Function<Request, ? extends Map<String, ?>> processor) {
        contextProcessors.add(Objects.requireNonNull(processor, "processor"));
        return this;
    }

    /**
     * Adds a value every template sees, registered once (Jinja's {@code env.globals}), e.g.
     * {@code render.global("site", "Notes")} for {@code {{site}}}. The view's model and context
     * processors win over a global of the same name.
     *
     * @throws IllegalArgumentException for a name templates already have ({@code request}, {@code g},
     *                                  {@code session}, {@code flashes}, {@code url_for}, {@code loop})
     */
    public RenderExtension global(String name, Object value) {
        if (RESERVED.contains(Objects.requireNonNull(name, "name"))) {
            throw new IllegalArgumentException("render.global(\"" + name + "\", ...): templates already have '" + name
                    + "' (" + RESERVED + " are microflask-render's own); choose another name");
        }
        if (value == null) {
            globals.remove(name);
        } else {
            globals.put(name, value);
        }
        return this;
    }

    /**
     * Adds a filter for every template, registered once (Jinja's {@code env.filters}):
     * {@code render.filter("money", (value, currency) -> ...)} for {@code {{price | money 'EUR'}}}.
     * It gets the raw value, and its result is escaped as any {@code {{value}}}. A filter of a
     * built-in's name ({@code default}, {@code date}, {@code number}, {@code upper}, {@code lower},
     * {@code length}, {@code first}, {@code last}, {@code join}) replaces it. Templates compiled
     * before the filter was added do not see it (in production, register filters before the first request).
     */
    public RenderExtension filter(String name, TemplateFilter filter) {
        if (!Objects.requireNonNull(name, "name").matches("[A-Za-z_][A-Za-z0-9_]*")) {
            throw new IllegalArgumentException("render.filter(\"" + name + "\", ...): a filter name is letters, digits "
                    + "and '_', not starting with a digit");
        }
        filters.put(name, Objects.requireNonNull(filter, "filter"));
        return this;
    }

    /**
     * Adds a section lambda for every template, registered once:
     * {@code render.lambda("shout", text -> text.toUpperCase())} for
     * {@code {{#shout}}Hello, {{name}}{{/shout}}}. Unlike a plain Mustache lambda, it gets its section's
     * text with the values raw (not HTML-escaped), and what it returns is escaped: it returns text,
     * not markup.
     */
    public RenderExtension lambda(String name, Function<String, String> lambda) {
        Objects.requireNonNull(lambda, "lambda");
        return global(name, new TextLambda(lambda));
    }

    /** A registered lambda: raw values in, its text escaped out. */
    private record TextLambda(Function<String, String> lambda) implements Function<String, String>, RawValues.Lambda {
        @Override
        public String apply(RawValues body) {
            return Html.escape(lambda.apply(body.text()));
        }

        @Override
        public String apply(String text) {
            return apply(RawValues.of(text));
        }
    }

    // ---- rendering ----

    /**
     * Renders a template given as text (Flask's {@code render_template_string}) into a 200 HTML
     * response. Its partials and layouts are found from {@code templates/}. It is compiled on each
     * call: for pages served often, use a file.
     */
    public Response renderString(Request request, String template, Map<String, ?> model) {
        StringWriter out = new StringWriter();
        renderStringTo(out, template, model, request);
        return new Response(200).contentType(Response.HTML_UTF8).body(out.toString());
    }

    /** Renders a template given as text into any writer; {@code request} may be {@code null}. */
    public void renderStringTo(Writer out, String template, Map<String, ?> model, Request request) {
        TemplateCompiler compiler = compiler();
        Map<String, Object> values = model == null ? Map.of() : new LinkedHashMap<>(model);
        execute(compiler, compiler.fromString(template), TemplateLocator.STRING_TEMPLATE, out, scopes(request, values));
    }

    /**
     * Renders a view into a 200 {@code text/html; charset=utf-8} response, writing straight into
     * a pooled body buffer.
     *
     * @throws TemplateNotFoundException when the template or one it includes does not exist
     * @throws TemplateSyntaxException   when a template does not compile
     * @throws TemplateRenderException   when filling in the template fails
     */
    public Response render(Request request, View view) {
        String file = fileName(view.template());
        TemplateCompiler compiler = compiler();
        Mustache mustache = compiler.template(file);
        ByteBuf body = ByteBufAllocator.DEFAULT.buffer(initialCapacity(file));
        boolean rendered = false;
        try {
            execute(compiler, mustache, file, new ByteBufWriter(body), scopes(request, view.model()));
            rendered = true;
        } finally {
            if (!rendered) {
                body.release();
            }
        }
        rememberSize(file, body.readableBytes());
        return new Response(200).contentType(Response.HTML_UTF8).body(body);
    }

    /**
     * Renders a view into any writer, e.g. a {@code StringWriter} for an e-mail body. The request
     * may be {@code null}; templates then have no {@code request}.
     */
    public void renderTo(Writer out, View view, Request request) {
        String file = fileName(view.template());
        TemplateCompiler compiler = compiler();
        execute(compiler, compiler.template(file), file, out, scopes(request, view.model()));
    }

    private static void execute(TemplateCompiler compiler, Mustache mustache, String file, Writer out,
                                Object[] scopes) {
        try {
            // flush() waits for values Mustache evaluates concurrently (Callable values).
            mustache.execute(out, scopes).flush();
            if (out instanceof ByteBufWriter) {
                out.close();
            }
        } catch (MustacheException e) {
            throw compiler.renderFailure(e, file);
        } catch (IOException e) {
            throw new UncheckedIOException("writing template " + file + " failed: " + e.getMessage(), e);
        }
    }

    /**
     * What templates can reach besides the view's model: later scopes win in Mustache, so the
     * model comes last and overrides these.
     */
    private Object[] scopes(Request request, Map<String, Object> model) {
        Map<String, Object> context = new LinkedHashMap<>(globals);
        if (request != null) {
            context.put("request", new TemplateRequest(request));
            context.put("g", request.attributes());
            context.put("session", new TemplateSession(request));
            context.put("flashes", new TemplateFlashes(request));
            context.put("url_for", new UrlForLambda(request));
            context.put("csrf_token", TemplateCsrf.token(request));
            context.put("csrf_field", TemplateCsrf.field(request));
        }
        for (Function<Request, ? extends Map<String, ?>> processor : contextProcessors) {
            Map<String, ?> values = processor.apply(request);
            if (values != null) {
                context.putAll(values);
            }
        }
        return new Object[] {context, model};
    }

    private TemplateCompiler compiler() {
        ExtensionContext owner = app;
        List<String> blueprintFolders = owner == null ? List.of() : owner.blueprintTemplateFolders();
        List<TemplateLocator.Root> roots = freshRootsToRead(blueprintFolders);
        if (roots != null) {
            announceFreshReads(roots.get(0).directory());
            return new TemplateCompiler(new TemplateLocator(roots, classLoader), objectHandler);
        }
        CachingCompiler cached = cachingCompiler;
        if (cached == null || !cached.blueprintFolders().equals(blueprintFolders)) {
            synchronized (this) {
                cached = cachingCompiler;
                if (cached == null || !cached.blueprintFolders().equals(blueprintFolders)) {
                    // First render, or a blueprint with templates registered (or reloaded) since.
                    cached = new CachingCompiler(blueprintFolders, new TemplateCompiler(
                            new TemplateLocator(classpathRoots(blueprintFolders), classLoader), objectHandler));
                    cachingCompiler = cached;
                }
            }
        }
        return cached.compiler();
    }

    /** The compiler that caches, and the blueprint template folders it looks in after {@code templates/}. */
    private record CachingCompiler(List<String> blueprintFolders, TemplateCompiler compiler) {
    }

    private void announceFreshReads(Path directory) {
        if (directory.equals(announcedFreshDirectory)) {
            return;
        }
        announcedFreshDirectory = directory;
        if (Files.isDirectory(directory)) {
            log.info("templates are read fresh from {} on every render (then from the classpath)",
                    directory.toAbsolutePath().normalize());
        } else {
            log.warn("templates are to be read fresh, but {} is not a directory: only the classpath is read "
                    + "(set RenderExtension.templatesDirectory(...) to your templates' source directory)",
                    directory.toAbsolutePath().normalize());
        }
    }

    /** {@code "index"} to {@code "index.mustache"}; a name that has an extension keeps it. */
    static String fileName(String template) {
        String normalized = TemplateLocator.normalize(template);
        String name = normalized != null ? normalized : template;
        String last = name.substring(name.lastIndexOf('/') + 1);
        return last.indexOf('.') > 0 ? name : name + TEMPLATE_SUFFIX;
    }

    private int initialCapacity(String file) {
        Integer seen = sizeHints.get(file);
        if (seen == null) {
            return DEFAULT_INITIAL_BUFFER;
        }
        return (int) Math.min(MAX_INITIAL_BUFFER, seen + seen / 8L + 64);
    }

    private void rememberSize(String file, int size) {
        Integer seen = sizeHints.get(file);
        if (seen == null || size > seen) {
            sizeHints.put(file, size);
        }
    }

    @Override
    public String toString() {
        return "RenderExtension[templatesDirectory=" + templatesDirectory + ", autoReload=" + autoReload + "]";
    }
}
