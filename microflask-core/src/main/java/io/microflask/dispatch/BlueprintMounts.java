package io.microflask.dispatch;

import io.microflask.Blueprint;
import io.microflask.RequestHooks;
import io.microflask.routing.PathPrefix;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Registers mounted {@link Blueprint}s into a {@link RouteTable}: each mount's objects with its
 * dotted name and full prefix, its hooks given in code with its scope (or app-wide), and the
 * blueprints nested in it, depth first.
 */
final class BlueprintMounts {
    private BlueprintMounts() {
    }

    /** Makes the handler object that serves a blueprint's static folder mounted at a prefix. */
    @FunctionalInterface
    interface StaticFolders {
        Object serve(String folder, PathPrefix mount);
    }

    static void register(List<Blueprint.Mount> mounts, RouteScanner scanner, RouteTable table,
                         StaticFolders staticFolders) {
        Map<String, Blueprint.Mount> names = new HashMap<>();
        for (Blueprint.Mount mount : mounts) {
            register(mount, null, PathPrefix.APP_WIDE, scanner, table, names, staticFolders);
        }
    }

    private static void register(Blueprint.Mount mount, String parentName, PathPrefix parentPrefix,
                                 RouteScanner scanner, RouteTable table, Map<String, Blueprint.Mount> names,
                                 StaticFolders staticFolders) {
        String name = parentName == null ? mount.name() : parentName + "." + mount.name();
        Blueprint.Mount earlier = names.putIfAbsent(name, mount);
        if (earlier != null) {
            throw new IllegalArgumentException("two blueprints are mounted as '" + name + "' (" + earlier.blueprint()
                    + " at '" + earlier.prefix() + "' and " + mount.blueprint() + " at '" + mount.prefix()
                    + "'); a blueprint mounted twice needs a name for each mount, e.g. register(blueprint, \""
                    + mount.prefix() + "\", \"" + mount.name() + "2\")");
        }
        String where = "the prefix of blueprint '" + name + "'";
        PathPrefix own = PathPrefix.of(mount.prefix(), where);
        PathPrefix prefix = parentPrefix.equals(PathPrefix.APP_WIDE) ? own
                : PathPrefix.of(parentPrefix.value() + own.value(), where);
        Blueprint blueprint = mount.blueprint();
        for (Object handler : blueprint.handlers()) {
            scanner.register(handler, table, name, prefix);
        }
        if (blueprint.staticFolder() != null) {
            scanner.register(staticFolders.serve(blueprint.staticFolder(), prefix), table, name, prefix);
        }
        HookScope scope = HookScope.blueprint(name, prefix);
        addHooks(blueprint.hooks(false), scope, name, table);
        addHooks(blueprint.hooks(true), HookScope.APP_WIDE, name, table);
        for (Blueprint.Mount child : blueprint.blueprints()) {
            register(child, name, prefix, scanner, table, names, staticFolders);
        }
    }

    private static void addHooks(Blueprint.Hooks hooks, HookScope scope, String name, RouteTable table) {
        String kind = scope.blueprint() == null ? " app-wide " : " ";
        for (RequestHooks.Before hook : hooks.before()) {
            table.addBeforeHook(new ScopedHook<>(scope, hook, "blueprint '" + name + "'" + kind + "beforeRequest hook " + hook));
        }
        for (RequestHooks.After hook : hooks.after()) {
            table.addAfterHook(new ScopedHook<>(scope, hook, "blueprint '" + name + "'" + kind + "afterRequest hook " + hook));
        }
        for (RequestHooks.Teardown hook : hooks.teardown()) {
            table.addTeardownHook(new ScopedHook<>(scope, hook, "blueprint '" + name + "'" + kind
                    + "teardownRequest hook " + hook));
        }
    }

    /**
     * The template folders of these blueprints and those nested in them, each once, in
     * registration order with a nested blueprint right after its parent (Flask's look-up order).
     */
    static List<String> templateFolders(List<Blueprint.Mount> mounts) {
        Set<String> folders = new LinkedHashSet<>();
        addTemplateFolders(mounts, folders);
        return List.copyOf(folders);
    }

    private static void addTemplateFolders(List<Blueprint.Mount> mounts, Set<String> folders) {
        for (Blueprint.Mount mount : mounts) {
            if (mount.blueprint().templateFolder() != null) {
                folders.add(mount.blueprint().templateFolder());
            }
            addTemplateFolders(mount.blueprint().blueprints(), folders);
        }
    }

    /** Every object and code hook of these blueprints and those nested in them (for what scans classes). */
    static List<Object> objectsAndHooks(List<Blueprint.Mount> mounts) {
        List<Object> objects = new ArrayList<>();
        for (Blueprint.Mount mount : mounts) {
            Blueprint blueprint = mount.blueprint();
            objects.addAll(blueprint.handlers());
            for (boolean appWide : new boolean[] {false, true}) {
                Blueprint.Hooks hooks = blueprint.hooks(appWide);
                objects.addAll(hooks.before());
                objects.addAll(hooks.after());
                objects.addAll(hooks.teardown());
            }
            objects.addAll(objectsAndHooks(blueprint.blueprints()));
        }
        return objects;
    }
}
