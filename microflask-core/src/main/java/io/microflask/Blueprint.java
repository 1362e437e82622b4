package io.microflask;

import io.microflask.util.ClasspathFolders;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A group of routes, hooks and error handlers mounted on an app at a prefix chosen when it is
 * registered, as Flask's blueprints:
 *
 * <pre>{@code
 * Blueprint admin = new Blueprint("admin").register(new AdminPages(), new AdminApi());
 * admin.beforeRequest(request -> request.session().getString("admin") == null ? Response.redirect("/login", 303) : null);
 * app.register(admin, "/admin");                 // endpoints admin.index, admin.users...
 * app.register(admin, "/staff", "staff");        // the same blueprint again, as staff.index...
 * }</pre>
 *
 * <ul>
 *   <li>The objects registered on it are scanned as {@link App#register} scans them; their routes'
 *       paths are joined to the mount prefix (and to their class's {@code @Route} prefix, if any).</li>
 *   <li>Endpoints are {@code name.method} ({@code @Route(endpoint = "x")} gives {@code name.x});
 *       in a nested blueprint {@code parent.child.method}. Inside a request,
 *       {@code request.urlFor(".method")} names an endpoint of the current blueprint, so a
 *       blueprint mounted twice links within its own mount.</li>
 *   <li>{@link BeforeRequest}, {@link AfterRequest}, {@link TeardownRequest} and
 *       {@link ErrorHandler} methods of its objects, and the hooks given to
 *       {@link #beforeRequest} and the like, apply to this blueprint's routes (and those of the
 *       blueprints nested in it) only; {@link BeforeAppRequest} and the others, and
 *       {@link #beforeAppRequest} and the like, apply app-wide.</li>
 *   <li>Blueprints nest: {@link #register(Blueprint, String)} mounts one inside another, its
 *       prefix joined to the parent's. Hooks run from the app's, through the parent's, to the
 *       child's; after-request and teardown hooks in the reverse order.</li>
 *   <li>{@link #staticFolder} gives it static files of its own under its prefix, and
 *       {@link #templateFolder} templates of its own, looked up after the app's {@code templates/}.</li>
 * </ul>
 *
 * A class with a {@code @Route} prefix registered on the app directly is a blueprint of its own,
 * named after its class (first letter in lower case) or its {@code @Route(endpoint = ...)}.
 * Register everything before the app starts; for devtools to reload a blueprint's classes, build
 * the app in a factory ({@link App#run(App.Factory, String[])}).
 */
public final class Blueprint {
    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_-]*");

    private final String name;
    private final String urlPrefix;
    private final List<Object> handlers = new ArrayList<>();
    private final List<Mount> children = new ArrayList<>();
    private final List<RequestHooks.Before> before = new ArrayList<>();
    private final List<RequestHooks.After> after = new ArrayList<>();
    private final List<RequestHooks.Teardown> teardown = new ArrayList<>();
    private final List<RequestHooks.Before> beforeApp = new ArrayList<>();
    private final List<RequestHooks.After> afterApp = new ArrayList<>();
    private final List<RequestHooks.Teardown> teardownApp = new ArrayList<>();
    private String staticFolder;
    private String templateFolder;

    /** A blueprint mounted at the prefix given to {@code register}, {@code ""} by default. */
    public Blueprint(String name) {
        this(name, "");
    }

    /**
     * A blueprint with a default prefix, Flask's {@code url_prefix}: what {@code register} uses
     * when given none ({@code app.register(blueprint)}).
     */
    public Blueprint(String name, String urlPrefix) {
        this.name = checkName(name, "new Blueprint(\"" + name + "\")");
        this.urlPrefix = Objects.requireNonNull(urlPrefix, "urlPrefix");
    }

    static String checkName(String name, String where) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException(where + ": a blueprint's name is a word (letters, digits, '_' or '-', "
                    + "no dots: dots join nested blueprints' names), e.g. \"admin\"; got "
                    + (name == null ? "null" : "'" + name + "'"));
        }
        return name;
    }

    /** The name endpoints start with, unless the mount gives another. */
    public String name() {
        return name;
    }

    /** The prefix used when {@code register} is given none. */
    public String urlPrefix() {
        return urlPrefix;
    }

    /**
     * Adds objects whose {@link Route}, {@link ErrorHandler} and hook methods belong to this
     * blueprint; a {@code Blueprint} among them is nested at its own {@link #urlPrefix()}.
     * They are checked when the blueprint is registered on the app.
     */
    public Blueprint register(Object... objects) {
        for (Object object : objects) {
            if (object == null) {
                throw new IllegalArgumentException("blueprint '" + name + "': register(null); pass an object with "
                        + "@Route methods");
            }
            if (object instanceof Blueprint child) {
                register(child, child.urlPrefix(), child.name());
            } else {
                handlers.add(object);
            }
        }
        return this;
    }

    /** Nests {@code child} at {@code prefix} (joined to this blueprint's own), under its own name. */
    public Blueprint register(Blueprint child, String prefix) {
        return register(child, prefix, child.name());
    }

    /**
     * Nests {@code child} at {@code prefix} under {@code name}: its endpoints are
     * {@code thisName.name.method}. A second mount of the same blueprint needs a name of its own.
     */
    public Blueprint register(Blueprint child, String prefix, String name) {
        Objects.requireNonNull(child, "child");
        if (child == this) {
            throw new IllegalArgumentException("blueprint '" + this.name + "' cannot be nested in itself");
        }
        children.add(new Mount(child, prefix, name));
        return this;
    }

    /** Runs {@code hook} before the handler of this blueprint's routes, as {@code @bp.before_request}. */
    public Blueprint beforeRequest(RequestHooks.Before hook) {
        before.add(Objects.requireNonNull(hook, "hook"));
        return this;
    }

    /** Runs {@code hook} after the handler of this blueprint's routes, as {@code @bp.after_request}. */
    public Blueprint afterRequest(RequestHooks.After hook) {
        after.add(Objects.requireNonNull(hook, "hook"));
        return this;
    }

    /** Runs {@code hook} when a request to this blueprint's routes ends, as {@code @bp.teardown_request}. */
    public Blueprint teardownRequest(RequestHooks.Teardown hook) {
        teardown.add(Objects.requireNonNull(hook, "hook"));
        return this;
    }

    /** Runs {@code hook} before every request of the app, as {@code @bp.before_app_request}. */
    public Blueprint beforeAppRequest(RequestHooks.Before hook) {
        beforeApp.add(Objects.requireNonNull(hook, "hook"));
        return this;
    }

    /** Runs {@code hook} after every request's handler, as {@code @bp.after_app_request}. */
    public Blueprint afterAppRequest(RequestHooks.After hook) {
        afterApp.add(Objects.requireNonNull(hook, "hook"));
        return this;
    }

    /** Runs {@code hook} when every request ends, as {@code @bp.teardown_app_request}. */
    public Blueprint teardownAppRequest(RequestHooks.Teardown hook) {
        teardownApp.add(Objects.requireNonNull(hook, "hook"));
        return this;
    }

    /**
     * Serves the files under {@code folder} on the classpath (e.g. {@code "admin/static"}, that is
     * {@code src/main/resources/admin/static}) at {@code <prefix>/static/<path:filename>}, with
     * the endpoint {@code name.static}: {@code urlFor("admin.static", Map.of("filename", "admin.css"))}
     * or, within the blueprint, {@code urlFor(".static", ...)}. Flask's {@code static_folder}.
     * In debug mode the files are read from the folder's source ({@code src/main/resources/admin/static})
     * first, as the app's {@code /static/} are, so that an edit shows without a build.
     */
    public Blueprint staticFolder(String folder) {
        this.staticFolder = Objects.requireNonNull(folder, "folder");
        return this;
    }

    /** The classpath folder of this blueprint's static files, or {@code null} for none. */
    public String staticFolder() {
        return staticFolder;
    }

    /**
     * Adds the templates under {@code folder} on the classpath (e.g. {@code "admin/templates"}, that
     * is {@code src/main/resources/admin/templates}) to those the app renders, Flask's
     * {@code template_folder}. A template is looked for in the app's {@code templates/} first, then
     * in each blueprint's folder in the order the blueprints were registered (a nested one after its
     * parent), so the app can override a blueprint's page; as in Flask, put a blueprint's templates
     * in a folder of its name ({@code admin/templates/admin/index.mustache}, rendered as
     * {@code "admin/index"}) so that two blueprints' {@code index} do not meet. Template rendering
     * (microflask-render) reads them, fresh in debug mode as the app's.
     *
     * @throws IllegalArgumentException for an empty folder or one with {@code ..}
     */
    public Blueprint templateFolder(String folder) {
        this.templateFolder = ClasspathFolders.normalize(folder, "Blueprint.templateFolder");
        return this;
    }

    /** The classpath folder of this blueprint's templates, or {@code null} for none. */
    public String templateFolder() {
        return templateFolder;
    }

    /** The objects registered on this blueprint, in order. */
    public List<Object> handlers() {
        return List.copyOf(handlers);
    }

    /** The blueprints nested in this one, in order. */
    public List<Mount> blueprints() {
        return List.copyOf(children);
    }

    /**
     * The hooks given in code, by kind and scope.
     *
     * @param appWide the {@code ...AppRequest} ones instead of this blueprint's own
     */
    public Hooks hooks(boolean appWide) {
        return appWide ? new Hooks(List.copyOf(beforeApp), List.copyOf(afterApp), List.copyOf(teardownApp))
                : new Hooks(List.copyOf(before), List.copyOf(after), List.copyOf(teardown));
    }

    /**
     * Hooks given in code to a blueprint.
     *
     * @param before   before-request hooks, in order
     * @param after    after-request hooks, in order
     * @param teardown teardown hooks, in order
     */
    public record Hooks(List<RequestHooks.Before> before, List<RequestHooks.After> after,
                        List<RequestHooks.Teardown> teardown) {
    }

    /**
     * Where a blueprint is mounted.
     *
     * @param blueprint the blueprint
     * @param prefix    its prefix, relative to what it is mounted on
     * @param name      the name its endpoints start with
     */
    public record Mount(Blueprint blueprint, String prefix, String name) {
        /** Checks the name. */
        public Mount {
            Objects.requireNonNull(blueprint, "blueprint");
            Objects.requireNonNull(prefix, "prefix");
            checkName(name, "the mount of blueprint '" + blueprint.name() + "'");
        }
    }

    @Override
    public String toString() {
        return "Blueprint(" + name + ")";
    }
}
