package io.microflask.dispatch;

/**
 * A request hook with the scope it applies to and a name for log messages.
 *
 * @param scope the requests it runs for: app-wide, under a prefix, or a blueprint's
 * @param hook  the hook itself
 * @param name  e.g. {@code com.example.Admin.requireLogin(Request)}
 */
record ScopedHook<T>(HookScope scope, T hook, String name) {
}
