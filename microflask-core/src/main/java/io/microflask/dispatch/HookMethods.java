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
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.util.function.BiFunction;

/**
 * Adapts {@link BeforeRequest}, {@link AfterRequest} and {@link TeardownRequest} methods (and their
 * app-wide variants {@link BeforeAppRequest}, {@link AfterAppRequest}, {@link TeardownAppRequest}) to
 * {@link RequestHooks}' types, checking at {@code register} that each can be called: what it takes
 * and what it returns.
 */
final class HookMethods {
    private HookMethods() {
    }

    static boolean isHook(Method method) {
        return method.isAnnotationPresent(BeforeRequest.class) || method.isAnnotationPresent(AfterRequest.class)
                || method.isAnnotationPresent(TeardownRequest.class) || method.isAnnotationPresent(BeforeAppRequest.class)
                || method.isAnnotationPresent(AfterAppRequest.class)
                || method.isAnnotationPresent(TeardownAppRequest.class);
    }

    /**
     * Adds the hooks {@code method} declares to {@code table}, scoped to {@code scope} (the
     * {@code ...AppRequest} ones app-wide); returns how many.
     */
    static int register(Object target, Method method, HookScope scope, RouteTable table) {
        int count = 0;
        String name = HandlerNames.describe(method);
        boolean before = method.isAnnotationPresent(BeforeRequest.class);
        boolean beforeApp = method.isAnnotationPresent(BeforeAppRequest.class);
        if (before || beforeApp) {
            table.addBeforeHook(new ScopedHook<>(beforeApp ? HookScope.APP_WIDE : scope, before(target, method), name));
            count++;
        }
        boolean after = method.isAnnotationPresent(AfterRequest.class);
        boolean afterApp = method.isAnnotationPresent(AfterAppRequest.class);
        if (after || afterApp) {
            table.addAfterHook(new ScopedHook<>(afterApp ? HookScope.APP_WIDE : scope, after(target, method), name));
            count++;
        }
        boolean teardown = method.isAnnotationPresent(TeardownRequest.class);
        boolean teardownApp = method.isAnnotationPresent(TeardownAppRequest.class);
        if (teardown || teardownApp) {
            table.addTeardownHook(new ScopedHook<>(teardownApp ? HookScope.APP_WIDE : scope,
                    teardown(target, method), name));
            count++;
        }
        if ((before && beforeApp) || (after && afterApp) || (teardown && teardownApp)) {
            throw new IllegalArgumentException(name + " is marked both as a hook of its blueprint and as an app-wide "
                    + "one (e.g. @BeforeRequest and @BeforeAppRequest); keep one of the two");
        }
        if (count > 0 && method.isAnnotationPresent(Route.class)) {
            throw new IllegalArgumentException(name + " is both a @Route and a request hook; make them two methods");
        }
        return count;
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
