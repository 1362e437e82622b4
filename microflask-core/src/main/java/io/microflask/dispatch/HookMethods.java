package io.microflask.dispatch;

import io.microflask.AfterAppRequest;
import io.microflask.BeforeAppRequest;
import io.microflask.Session;
import io.microflask.AfterRequest;
import io.microflask.TeardownAppRequest;
import io.microflask.Request;
import io.microflask.RequestHooks;
import io.microflask.TeardownRequest;
import io.microflask.BeforeRequest;
import io.microflask.Response;
import io.microflask.Route;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.ToIntFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Adapts {@link BeforeRequest}, {@link AfterRequest} and {@link TeardownRequest} methods (and their
 * app-wide variants {@link BeforeAppRequest}, {@link AfterAppRequest}, {@link TeardownAppRequest}) to
 * {@link RequestHooks}' types, checking at {@code register} that each can be called: what it takes
 * and what it returns, and placing each by its {@code order}.
 */
final class HookMethods {
    private static final Logger log = LoggerFactory.getLogger(HookMethods.class);

    private HookMethods() {
    }

    static boolean isHook(Method method) {
        return method.isAnnotationPresent(BeforeRequest.class) || method.isAnnotationPresent(AfterRequest.class)
                || method.isAnnotationPresent(TeardownRequest.class) || method.isAnnotationPresent(BeforeAppRequest.class)
                || method.isAnnotationPresent(AfterAppRequest.class)
                || method.isAnnotationPresent(TeardownAppRequest.class);
    }

    /**
     * Adds the hooks among {@code methods} (one class's, in name order) to {@code table}: the
     * {@code ...Request} ones scoped to {@code scope}, the {@code ...AppRequest} ones app-wide; each
     * kind by its {@code order} attribute (stable, so equal orders keep name order). Returns how
     * many. Two hooks of one kind with the same order run in an order only their names decide,
     * which a rename silently changes: that is a warning naming both.
     */
    static int register(Object target, Method[] methods, HookScope scope, RouteTable table) {
        for (Method method : methods) {
            String name = HandlerNames.describe(method);
            if (isHook(method) && method.isAnnotationPresent(Route.class)) {
                throw new IllegalArgumentException(name + " is both a @Route and a request hook; make them two methods");
            }
            if ((method.isAnnotationPresent(BeforeRequest.class) && method.isAnnotationPresent(BeforeAppRequest.class))
                    || (method.isAnnotationPresent(AfterRequest.class) && method.isAnnotationPresent(AfterAppRequest.class))
                    || (method.isAnnotationPresent(TeardownRequest.class)
                    && method.isAnnotationPresent(TeardownAppRequest.class))) {
                throw new IllegalArgumentException(name + " is marked both as a hook of its blueprint and as an app-wide "
                        + "one (e.g. @BeforeRequest and @BeforeAppRequest); keep one of the two");
            }
        }
        int count = 0;
        for (Method method : ordered(methods, BeforeRequest.class, m -> m.getAnnotation(BeforeRequest.class).order())) {
            table.addBeforeHook(new ScopedHook<>(scope, before(target, method), HandlerNames.describe(method)));
            count++;
        }
        for (Method method : ordered(methods, BeforeAppRequest.class,
                m -> m.getAnnotation(BeforeAppRequest.class).order())) {
            table.addBeforeHook(new ScopedHook<>(HookScope.APP_WIDE, before(target, method), HandlerNames.describe(method)));
            count++;
        }
        for (Method method : ordered(methods, AfterRequest.class, m -> m.getAnnotation(AfterRequest.class).order())) {
            table.addAfterHook(new ScopedHook<>(scope, after(target, method), HandlerNames.describe(method)));
            count++;
        }
        for (Method method : ordered(methods, AfterAppRequest.class,
                m -> m.getAnnotation(AfterAppRequest.class).order())) {
            table.addAfterHook(new ScopedHook<>(HookScope.APP_WIDE, after(target, method), HandlerNames.describe(method)));
            count++;
        }
        for (Method method : ordered(methods, TeardownRequest.class, m -> m.getAnnotation(TeardownRequest.class).order())) {
            table.addTeardownHook(new ScopedHook<>(scope, teardown(target, method), HandlerNames.describe(method)));
            count++;
        }
        for (Method method : ordered(methods, TeardownAppRequest.class,
                m -> m.getAnnotation(TeardownAppRequest.class).order())) {
            table.addTeardownHook(new ScopedHook<>(HookScope.APP_WIDE, teardown(target, method),
                    HandlerNames.describe(method)));
            count++;
        }
        return count;
    }

    /** The ambiguous hook orders already warned about (by class and method names), so that each is told once. */
    private static final java.util.Set<String> WARNED_ORDERS = java.util.concurrent.ConcurrentHashMap.newKeySet();

    private static List<Method> ordered(Method[] methods, Class<? extends Annotation> kind,
                                        ToIntFunction<Method> order) {
        List<Method> found = new ArrayList<>();
        for (Method method : methods) {
            if (method.isAnnotationPresent(kind)) {
                found.add(method);
            }
        }
        found.sort(Comparator.comparingInt(order));
        for (int i = 1; i < found.size(); i++) {
            Method first = found.get(i - 1);
            Method second = found.get(i);
            int shared = order.applyAsInt(second);
            // Once per JVM: every reload and every later register rebuilds the hooks, by class name the same.
            if (order.applyAsInt(first) == shared && WARNED_ORDERS.add(kind.getName() + " "
                    + first.getDeclaringClass().getName() + "." + first.getName() + " " + second.getName() + " " + shared)) {
                String name = kind.getSimpleName();
                log.warn("{} and {} are both @{}(order = {}) in {}, so only their names decide which runs first "
                        + "(renaming one would change it). Give each its own order, e.g. @{}(order = {}) on {} "
                        + "and @{}(order = {}) on {}.", first.getName() + "()", second.getName() + "()", name, shared,
                        first.getDeclaringClass().getName(), name, shared, first.getName() + "()", name, shared + 1,
                        second.getName() + "()");
            }
        }
        return found;
    }

    private static RequestHooks.Before before(Object target, Method method) {
        ArgumentSource[] sources = sources(method, "@BeforeRequest", "Request and Session", (type, i) -> {
            if (type == Request.class) {
                return (request, response, failure) -> request;
            }
            if (type == Session.class) {
                return (request, response, failure) -> request.session();
            }
            return null;
        });
        HandlerInvoker invoker = new HandlerInvoker(target, method);
        return request -> call(invoker, arguments(sources, request, null, null));
    }

    private static RequestHooks.After after(Object target, Method method) {
        Class<?> returns = method.getReturnType();
        if (returns != void.class && returns != Response.class) {
            throw new IllegalArgumentException(HandlerNames.describe(method) + ": an @AfterRequest method returns "
                    + "void (the response it was given is sent) or Response (sent instead), not "
                    + returns.getSimpleName());
        }
        ArgumentSource[] sources = sources(method, "@AfterRequest", "Request and Response", (type, i) -> {
            if (type == Request.class) {
                return (request, response, failure) -> request;
            }
            if (type == Response.class) {
                return (request, response, failure) -> response;
            }
            return null;
        });
        HandlerInvoker invoker = new HandlerInvoker(target, method);
        return (request, response) -> {
            Object result = call(invoker, arguments(sources, request, response, null));
            return result instanceof Response replaced ? replaced : response;
        };
    }

    private static RequestHooks.Teardown teardown(Object target, Method method) {
        ArgumentSource[] sources = sources(method, "@TeardownRequest", "Request and Throwable", (type, i) -> {
            if (type == Request.class) {
                return (request, response, failure) -> request;
            }
            if (type == Throwable.class || type == Exception.class) {
                return (request, response, failure) -> failure;
            }
            return null;
        });
        HandlerInvoker invoker = new HandlerInvoker(target, method);
        return (request, failure) -> call(invoker, arguments(sources, request, null, failure));
    }

    @FunctionalInterface
    private interface ArgumentSource {
        Object value(Request request, Response response, Throwable failure);
    }

    private static ArgumentSource[] sources(Method method, String annotation, String allowed,
                                            BiFunction<Class<?>, Integer, ArgumentSource> resolve) {
        Parameter[] parameters = method.getParameters();
        ArgumentSource[] sources = new ArgumentSource[parameters.length];
        for (int i = 0; i < parameters.length; i++) {
            sources[i] = resolve.apply(parameters[i].getType(), i);
            if (sources[i] == null) {
                throw new IllegalArgumentException(HandlerNames.describe(method) + ", parameter " + (i + 1) + " ('"
                        + parameters[i].getName() + "' of type " + parameters[i].getType().getSimpleName() + "): an "
                        + annotation + " method may take " + allowed + ", nothing else");
            }
        }
        return sources;
    }

    private static Object call(HandlerInvoker invoker, Object[] arguments) throws Exception {
        try {
            return invoker.invoke(arguments);
        } catch (Exception | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    private static Object[] arguments(ArgumentSource[] sources, Request request, Response response,
                                      Throwable failure) {
        Object[] arguments = new Object[sources.length];
        for (int i = 0; i < sources.length; i++) {
            arguments[i] = sources[i].value(request, response, failure);
        }
        return arguments;
    }
}
