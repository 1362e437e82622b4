package io.microflask;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The request hooks of an app: functional types for registering them in code, and how the
 * dispatcher picks those that apply to a path. Annotated methods ({@link BeforeRequest},
 * {@link AfterRequest}, {@link Teardown}) are adapted to the same types.
 */
public final class RequestHooks {
    private RequestHooks() {
    }

    /** Runs before the handler; a non-null result answers the request instead of the handler. */
    @FunctionalInterface
    public interface Before {
        Object before(Request request) throws Exception;
    }

    /** Runs after the handler; returns the response to send (the one given, changed, or another). */
    @FunctionalInterface
    public interface After {
        Response after(Request request, Response response) throws Exception;
    }

    /** Runs when the request ends, with what the handler threw, or {@code null}. */
    @FunctionalInterface
    public interface TeardownHook {
        void teardown(Request request, Throwable failure) throws Exception;
    }

    /** A hook local to a path prefix ({@code ""} for app-wide), with a name for log messages. */
    record Scoped<T>(String prefix, T hook, String name) {
        boolean appliesTo(String path) {
            return appliesTo(prefix, path);
        }

        static boolean appliesTo(String prefix, String path) {
            return prefix.isEmpty() || prefix.equals("/") || path.equals(prefix)
                    || path.startsWith(prefix.endsWith("/") ? prefix : prefix + "/");
        }
    }

    /**
     * The hooks of both lists that apply to {@code path}: app-wide ones first, then by prefix
     * from the outermost to the innermost, each group in registration order (code before
     * annotations).
     */
    static <T> List<Scoped<T>> applicable(List<Scoped<T>> registeredInCode, List<Scoped<T>> annotated,
                                          String path) {
        if (registeredInCode.isEmpty() && annotated.isEmpty()) {
            return List.of();
        }
        List<Scoped<T>> result = new ArrayList<>(registeredInCode.size() + annotated.size());
        for (Scoped<T> hook : registeredInCode) {
            if (hook.appliesTo(path)) {
                result.add(hook);
            }
        }
        for (Scoped<T> hook : annotated) {
            if (hook.appliesTo(path)) {
                result.add(hook);
            }
        }
        result.sort(Comparator.comparingInt(hook -> hook.prefix().equals("/") ? 0 : hook.prefix().length()));
        return result;
    }
}
