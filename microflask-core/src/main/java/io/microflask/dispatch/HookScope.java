package io.microflask.dispatch;

import io.microflask.routing.PathPrefix;

/**
 * Where a hook or an error handler applies, as in Flask: app-wide, to the paths under a prefix
 * (hooks registered in code with {@code app.beforeRequest("/admin", ...)}), or to the routes of
 * one blueprint and the blueprints nested in it. A blueprint is a {@code Blueprint} mounted with
 * {@code app.register(blueprint, prefix)}, or a class with a {@code @Route} prefix.
 *
 * <p>A request that matched no route belongs to no blueprint; for it (a 404 or 405) a blueprint's
 * scope falls back to the prefix it is mounted at, so that a blueprint's 404 handler still
 * answers for the paths under it.
 *
 * @param prefix    the paths covered (for a blueprint: where it is mounted, used only when unrouted)
 * @param blueprint the blueprint's dotted name ({@code "admin"}, {@code "admin.users"}), or
 *                  {@code null} for a scope by path alone
 */
record HookScope(PathPrefix prefix, String blueprint) {
    /** Every request. */
    static final HookScope APP_WIDE = new HookScope(PathPrefix.APP_WIDE, null);

    /** The paths under {@code prefix}. */
    static HookScope of(PathPrefix prefix) {
        return prefix.equals(PathPrefix.APP_WIDE) ? APP_WIDE : new HookScope(prefix, null);
    }

    /** The routes of blueprint {@code name} (and those nested in it), mounted at {@code mount}. */
    static HookScope blueprint(String name, PathPrefix mount) {
        return new HookScope(mount, name);
    }

    /**
     * Whether this scope covers a request for {@code path} whose route belongs to
     * {@code routeBlueprint} ({@code null} when the route is in no blueprint or there is no route).
     * {@code routed} tells whether a route matched.
     */
    boolean covers(String path, boolean routed, String routeBlueprint) {
        if (blueprint == null) {
            return prefix.covers(path);
        }
        if (routed) {
            return routeBlueprint != null && (routeBlueprint.equals(blueprint)
                    || routeBlueprint.startsWith(blueprint) && routeBlueprint.charAt(blueprint.length()) == '.');
        }
        return !prefix.equals(PathPrefix.APP_WIDE) && prefix.covers(path);
    }

    /**
     * The order of scopes, outermost first: app-wide (0), then by prefix length, then blueprints by
     * nesting depth (a parent before its children), as Flask runs before-request functions.
     * Among error handlers that apply, the highest wins.
     */
    int specificity() {
        if (blueprint == null) {
            return prefix.specificity();
        }
        int depth = 1;
        for (int i = 0; i < blueprint.length(); i++) {
            if (blueprint.charAt(i) == '.') {
                depth++;
            }
        }
        return (depth << 16) + prefix.specificity();
    }

    @Override
    public String toString() {
        return blueprint == null ? prefix.toString() : "blueprint " + blueprint;
    }
}
