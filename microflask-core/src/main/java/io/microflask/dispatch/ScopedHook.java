package io.microflask.dispatch;

import io.microflask.routing.PathPrefix;

/**
 * A request hook with the scope it applies to and a name for log messages.
 *
 * @param prefix the paths it runs for
 * @param hook   the hook itself
 * @param name   e.g. {@code com.example.Admin.requireLogin(Request)}
 */
record ScopedHook<T>(PathPrefix prefix, T hook, String name) {
}
