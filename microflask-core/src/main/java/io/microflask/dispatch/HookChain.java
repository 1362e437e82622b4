package io.microflask.dispatch;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The hooks of one kind (before, after or teardown) in the order they run: app-wide ones first,
 * then by prefix from the outermost to the innermost, then blueprints' from parent to child, each
 * group in registration order (see {@link HookScope#specificity()}). Built
 * once when the routes or hooks change; a request only skips the hooks whose scope does not
 * cover it, allocating nothing.
 */
final class HookChain<T> {
    private static final HookChain<?> EMPTY = new HookChain<>(List.of());

    private final ScopedHook<T>[] hooks;

    @SuppressWarnings("unchecked")
    private HookChain(List<ScopedHook<T>> ordered) {
        this.hooks = ordered.toArray(new ScopedHook[0]);
    }

    @SuppressWarnings("unchecked")
    static <T> HookChain<T> empty() {
        return (HookChain<T>) EMPTY;
    }

    /** The chain of {@code groups}' hooks, each group in the order given, sorted stably by scope. */
    @SafeVarargs
    static <T> HookChain<T> of(List<ScopedHook<T>>... groups) {
        List<ScopedHook<T>> all = new ArrayList<>();
        for (List<ScopedHook<T>> group : groups) {
            all.addAll(group);
        }
        if (all.isEmpty()) {
            return empty();
        }
        all.sort(Comparator.comparingInt(hook -> hook.scope().specificity()));
        return new HookChain<>(all);
    }

    /** How many hooks there are, for walking them by index. */
    int size() {
        return hooks.length;
    }

    /**
     * The hook at {@code index} if it covers a request for {@code path} (whose route, when
     * {@code routed}, belongs to {@code blueprint}, or to none when that is {@code null}), else {@code null}.
     */
    ScopedHook<T> at(int index, String path, boolean routed, String blueprint) {
        ScopedHook<T> hook = hooks[index];
        return hook.scope().covers(path, routed, blueprint) ? hook : null;
    }
}
