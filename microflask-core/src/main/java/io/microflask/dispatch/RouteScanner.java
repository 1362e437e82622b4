package io.microflask.dispatch;

import io.microflask.AfterRequest;
import io.microflask.BeforeRequest;
import io.microflask.Command;
import io.microflask.routing.Converters;
import io.microflask.routing.PathPrefix;
import io.microflask.ErrorHandler;
import io.microflask.Header;
import io.microflask.HttpException;
import io.microflask.PathVar;
import io.microflask.Query;
import io.microflask.Request;
import io.microflask.Response;
import io.microflask.Route;
import io.microflask.RouteInfo;
import io.microflask.Session;
import io.microflask.TeardownRequest;
import io.microflask.NonBlocking;
import io.microflask.UploadedFile;
import io.microflask.routing.RoutePattern;
import io.microflask.routing.Router;
import io.microflask.spi.ParameterBinder;
import io.microflask.spi.ParameterResolver;
import io.microflask.spi.ResultWriter;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Parameter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Turns a registered object's annotated methods into prepared routes, error handlers and hooks,
 * checking everything that can be checked before the first request: patterns, parameters,
 * return types, conflicts. Every failure names the class, the method and, where it applies, the
 * parameter, and says how to fix it.
 */
final class RouteScanner {
    private static final Set<String> KNOWN_METHODS =
            Set.of("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS", "TRACE", "CONNECT");

    private final Converters converters;
    private final ParameterBinders binders;
    private final ReturnValues returnValues;

    RouteScanner(Converters converters, ParameterBinders binders, ReturnValues returnValues) {
        this.converters = converters;
        this.binders = binders;
        this.returnValues = returnValues;
    }

    /** Adds every route, error handler and hook of {@code target}, registered on the app itself, to {@code table}. */
    void register(Object target, RouteTable table) {
        register(target, table, null, PathPrefix.APP_WIDE);
    }

    /**
     * Adds every route, error handler and hook of {@code target} to {@code table}: on the app itself
     * when {@code blueprint} is {@code null}, else as part of the blueprint of that dotted name
     * mounted at {@code mount}.
     */
    void register(Object target, RouteTable table, String blueprint, PathPrefix mount) {
        Class<?> type = target.getClass();
        if (!Modifier.isPublic(type.getModifiers())) {
            throw new IllegalArgumentException("class " + type.getName()
                    + " must be public for microflask to call its @Route methods; declare it 'public class "
                    + type.getSimpleName() + "'");
        }
        Route classRoute = type.getAnnotation(Route.class);
        PathPrefix classPrefix = classRoute == null ? PathPrefix.APP_WIDE
                : PathPrefix.of(classRoute.value(), "@Route(\"" + classRoute.value() + "\") on class " + type.getName());
        PathPrefix prefix = mount.equals(PathPrefix.APP_WIDE) ? classPrefix
                : PathPrefix.of(mount.value() + classPrefix.value(), "the mount of blueprint '" + blueprint + "'");
        Scope scope;
        if (blueprint != null) {
            scope = new Scope(HookScope.blueprint(blueprint, mount), blueprint, blueprint, true);
        } else if (classRoute != null) {
            // A class with a prefix is a blueprint of its own, named as its endpoints start.
            String name = !classRoute.endpoint().isEmpty() ? classRoute.endpoint() : lowerFirst(type.getSimpleName());
            scope = new Scope(HookScope.blueprint(name, classPrefix), name, name, false);
        } else {
            scope = new Scope(HookScope.APP_WIDE, null, lowerFirst(type.getSimpleName()), false);
        }

        Method[] methods = type.getMethods();
        // Declaration order is not guaranteed by reflection; sort for stable messages and listings.
        Arrays.sort(methods, Comparator.comparing(Method::getName).thenComparing(Method::toString));
        int found = 0;
        for (Method method : methods) {
            Route route = method.getAnnotation(Route.class);
            ErrorHandler errorHandler = method.getAnnotation(ErrorHandler.class);
            if (route != null) {
                addRoute(target, method, route, prefix, scope, table);
                found++;
            }
            if (errorHandler != null) {
                table.addErrorHandler(prepareErrorHandler(target, method, errorHandler, scope.hooks()));
                found++;
            }
            if (method.isAnnotationPresent(Command.class)) {
                found++; // run by the command line (run.Commands), not by requests
            }
        }
        found += HookMethods.register(target, methods, scope.hooks(), table);
        for (Method method : type.getDeclaredMethods()) {
            if (!Modifier.isPublic(method.getModifiers())
                    && (method.isAnnotationPresent(Route.class) || method.isAnnotationPresent(ErrorHandler.class)
                    || HookMethods.isHook(method))) {
                throw new IllegalArgumentException(HandlerNames.describe(method)
                        + " is annotated but not public; microflask only calls public methods: declare it public");
            }
        }
        if (found == 0) {
            throw new IllegalArgumentException("class " + type.getName()
                    + " has no public @Route, @ErrorHandler, @BeforeRequest, @AfterRequest, @TeardownRequest or @Command method; "
                    + "did you mean to register another object?");
        }
    }

    /**
     * Where a scanned object's methods belong.
     *
     * @param hooks            the scope of its hooks and error handlers
     * @param blueprint        the blueprint its routes belong to, or {@code null}
     * @param endpointPrefix   what its endpoints start with
     * @param prefixesExplicit whether an explicit {@code @Route(endpoint)} is prefixed too (in a {@code Blueprint})
     */
    private record Scope(HookScope hooks, String blueprint, String endpointPrefix, boolean prefixesExplicit) {
        String endpoint(Route route, Method method) {
            if (route.endpoint().isEmpty()) {
                return endpointPrefix + "." + method.getName();
            }
            return prefixesExplicit ? endpointPrefix + "." + route.endpoint() : route.endpoint();
        }
    }

    private static String lowerFirst(String name) {
        return name.isEmpty() ? name : Character.toLowerCase(name.charAt(0)) + name.substring(1);
    }

    private void addRoute(Object target, Method method, Route route, PathPrefix prefix, Scope scope,
                          RouteTable table) {
        String where = HandlerNames.describe(method);
        String patternText = RoutePattern.join(prefix.value(), route.value());
        RoutePattern pattern;
        try {
            pattern = RoutePattern.parse(patternText, converters);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(where + ": " + e.getMessage(), e);
        }
        if (pattern.variableNames().size() > Router.MAX_VARIABLES) {
            throw new IllegalArgumentException(where + ": route '" + patternText + "' has more than "
                    + Router.MAX_VARIABLES + " variables");
        }
        Set<String> methods = new LinkedHashSet<>();
        for (String m : route.methods()) {
            String upper = m.trim().toUpperCase(Locale.ROOT);
            if (!KNOWN_METHODS.contains(upper)) {
                throw new IllegalArgumentException(where + ": unknown HTTP method '" + m + "' in @Route; use one of "
                        + new java.util.TreeSet<>(KNOWN_METHODS));
            }
            methods.add(upper);
        }
        if (methods.isEmpty()) {
            throw new IllegalArgumentException(where + ": @Route(methods = {}) answers nothing; name at least one method");
        }
        String endpoint = scope.endpoint(route, method);
        RouteInfo info = new RouteInfo(patternText, endpoint, Set.copyOf(methods), method,
                pattern.variableNames(), prefix.value(), scope.blueprint());

        ParameterBinder[] binders = new ParameterBinder[method.getParameterCount()];
        Parameter[] parameters = method.getParameters();
        for (int i = 0; i < parameters.length; i++) {
            binders[i] = this.binders.bind(parameters[i], i, method, pattern, info);
        }
        HandlerInvoker invoker = new HandlerInvoker(target, method);
        ResultWriter writer = returnValues.findWriter(method.getReturnType(), method.getGenericReturnType());
        PreparedRoute.ReturnKind kind = ReturnValues.kindOf(method.getReturnType(), writer);
        boolean nonBlocking = method.isAnnotationPresent(NonBlocking.class)
                || method.getDeclaringClass().isAnnotationPresent(NonBlocking.class)
                || target.getClass().isAnnotationPresent(NonBlocking.class);
        if (nonBlocking) {
            for (Parameter parameter : parameters) {
                if (parameter.getType() == UploadedFile.class) {
                    throw new IllegalArgumentException(where + " is @NonBlocking, so it runs on the event loop, but its "
                            + "parameter '" + parameter.getName() + "' is an UploadedFile, which is decoded to disk: "
                            + "remove @NonBlocking from the method (or its class), or read the body yourself");
                }
            }
        }
        if (route.maxBodySize() < -1) {
            throw new IllegalArgumentException(where + ": @Route(maxBodySize = " + route.maxBodySize() + ") is "
                    + "negative; give the largest body in bytes, or leave it out for settings().maxBodySize()");
        }
        PreparedRoute prepared = new PreparedRoute(info, binders, invoker, kind, writer, nonBlocking,
                route.maxBodySize());
        table.addRoute(pattern, methods, prepared);
    }

    private ErrorHandlerMethod prepareErrorHandler(Object target, Method method, ErrorHandler annotation,
                                                   HookScope scope) {
        String where = HandlerNames.describe(method);
        if (annotation.status().length == 0 && annotation.exception().length == 0) {
            throw new IllegalArgumentException(where + ": @ErrorHandler names neither a status nor an exception; "
                    + "e.g. @ErrorHandler(status = 404) or @ErrorHandler(exception = IllegalStateException.class)");
        }
        for (int status : annotation.status()) {
            if (status < 400 || status > 599) {
                throw new IllegalArgumentException(where + ": @ErrorHandler status " + status
                        + " is not an error status (400-599)");
            }
        }
        Parameter[] parameters = method.getParameters();
        ErrorHandlerMethod.ArgumentSource[] sources = new ErrorHandlerMethod.ArgumentSource[parameters.length];
        for (int i = 0; i < parameters.length; i++) {
            Class<?> type = parameters[i].getType();
            if (type == Request.class) {
                sources[i] = ErrorHandlerMethod.ArgumentSource.REQUEST;
            } else if (type == int.class || type == Integer.class) {
                sources[i] = ErrorHandlerMethod.ArgumentSource.STATUS;
            } else if (type == String.class) {
                sources[i] = ErrorHandlerMethod.ArgumentSource.MESSAGE;
            } else if (Throwable.class.isAssignableFrom(type)) {
                for (Class<? extends Throwable> handled : annotation.exception()) {
                    if (!type.isAssignableFrom(handled)) {
                        throw new IllegalArgumentException(where + ", parameter " + (i + 1) + ": type "
                                + type.getSimpleName() + " cannot hold the handled exception " + handled.getSimpleName());
                    }
                }
                sources[i] = ErrorHandlerMethod.ArgumentSource.EXCEPTION;
            } else {
                throw new IllegalArgumentException(where + ", parameter " + (i + 1) + " ('" + parameters[i].getName()
                        + "'): an @ErrorHandler method may take the exception, Request, int (the status) and "
                        + "String (the message), not " + type.getSimpleName());
            }
        }
        if (java.util.concurrent.CompletionStage.class.isAssignableFrom(method.getReturnType())) {
            throw new IllegalArgumentException(where + ": an @ErrorHandler answers at once; return the value "
                    + "(String, Response, an object) instead of a CompletionStage");
        }
        ResultWriter writer = returnValues.findWriter(method.getReturnType(), method.getGenericReturnType());
        return new ErrorHandlerMethod(method, List.of(annotation.exception()), annotation.status().clone(), scope,
                new HandlerInvoker(target, method), sources, ReturnValues.kindOf(method.getReturnType(), writer), writer);
    }
}
