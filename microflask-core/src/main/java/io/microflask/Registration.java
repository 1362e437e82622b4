package io.microflask;

import io.microflask.binding.TextConversion;
import io.microflask.multipart.UploadedFile;
import io.microflask.session.Session;
import io.microflask.routing.Converter;
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
 * Turns a registered object's annotated methods into prepared routes and error handlers,
 * checking everything that can be checked before the first request: patterns, parameters,
 * return types, conflicts. Every failure names the class, the method and, where it applies, the
 * parameter, and says how to fix it.
 */
final class Registration {
    private static final Set<String> KNOWN_METHODS =
            Set.of("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS", "TRACE", "CONNECT");

    private final App app;

    Registration(App app) {
        this.app = app;
    }

    static String describe(Method method) {
        StringBuilder sb = new StringBuilder(method.getDeclaringClass().getName()).append('.')
                .append(method.getName()).append('(');
        Class<?>[] types = method.getParameterTypes();
        for (int i = 0; i < types.length; i++) {
            sb.append(i == 0 ? "" : ", ").append(types[i].getSimpleName());
        }
        return sb.append(')').toString();
    }

    /** Adds every route and error handler of {@code target} to {@code table}. */
    void register(Object target, RouteTable table) {
        Class<?> type = target.getClass();
        if (!Modifier.isPublic(type.getModifiers())) {
            throw new IllegalArgumentException("class " + type.getName()
                    + " must be public for microflask to call its @Route methods; declare it 'public class "
                    + type.getSimpleName() + "'");
        }
        Route classRoute = type.getAnnotation(Route.class);
        String prefix = classRoute == null ? "" : normalizePrefix(classRoute.value(), type);
        String endpointPrefix = classRoute != null && !classRoute.endpoint().isEmpty()
                ? classRoute.endpoint() : lowerFirst(type.getSimpleName());

        Method[] methods = type.getMethods();
        // Declaration order is not guaranteed by reflection; sort for stable messages and listings.
        Arrays.sort(methods, Comparator.comparing(Method::getName).thenComparing(Method::toString));
        int found = 0;
        for (Method method : methods) {
            Route route = method.getAnnotation(Route.class);
            ErrorHandler errorHandler = method.getAnnotation(ErrorHandler.class);
            if (route != null) {
                addRoute(target, method, route, prefix, endpointPrefix, table);
                found++;
            }
            if (errorHandler != null) {
                table.addErrorHandler(prepareErrorHandler(target, method, errorHandler, prefix));
                found++;
            }
            found += RequestHookMethods.register(target, method, prefix, table);
        }
        for (Method method : type.getDeclaredMethods()) {
            if (!Modifier.isPublic(method.getModifiers())
                    && (method.isAnnotationPresent(Route.class) || method.isAnnotationPresent(ErrorHandler.class)
                    || RequestHookMethods.isHook(method))) {
                throw new IllegalArgumentException(describe(method)
                        + " is annotated but not public; microflask only calls public methods: declare it public");
            }
        }
        if (found == 0) {
            throw new IllegalArgumentException("class " + type.getName()
                    + " has no public @Route, @ErrorHandler, @BeforeRequest, @AfterRequest or @Teardown method; "
                    + "did you mean to register another object?");
        }
        table.addObject(target);
    }

    private static String normalizePrefix(String prefix, Class<?> type) {
        if (!prefix.startsWith("/")) {
            throw new IllegalArgumentException("@Route(\"" + prefix + "\") on class " + type.getName()
                    + " must start with '/', e.g. @Route(\"/" + prefix + "\")");
        }
        return prefix.length() > 1 && prefix.endsWith("/") ? prefix.substring(0, prefix.length() - 1) : prefix;
    }

    private static String lowerFirst(String name) {
        return name.isEmpty() ? name : Character.toLowerCase(name.charAt(0)) + name.substring(1);
    }

    private void addRoute(Object target, Method method, Route route, String prefix, String endpointPrefix,
                          RouteTable table) {
        String where = describe(method);
        String patternText = RoutePattern.join(prefix, route.value());
        RoutePattern pattern;
        try {
            pattern = RoutePattern.parse(patternText, app.converters());
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
        String endpoint = route.endpoint().isEmpty() ? endpointPrefix + "." + method.getName() : route.endpoint();
        RouteInfo info = new RouteInfo(patternText, endpoint, Set.copyOf(methods), method,
                pattern.variableNames(), prefix);

        ParameterBinder[] binders = new ParameterBinder[method.getParameterCount()];
        Parameter[] parameters = method.getParameters();
        for (int i = 0; i < parameters.length; i++) {
            binders[i] = bindParameter(parameters[i], i, method, pattern, info);
        }
        HandlerInvoker invoker = new HandlerInvoker(target, method);
        ResultWriter writer = app.findWriter(method.getReturnType(), method.getGenericReturnType());
        PreparedRoute.ReturnKind kind = returnKind(method.getReturnType(), writer);
        PreparedRoute prepared = new PreparedRoute(info, binders, invoker, kind, writer);
        table.addRoute(pattern, methods, prepared);
    }

    static PreparedRoute.ReturnKind returnKind(Class<?> type, ResultWriter writer) {
        if (type == void.class || type == Void.class) {
            return PreparedRoute.ReturnKind.VOID;
        }
        if (type == String.class || type == CharSequence.class) {
            return PreparedRoute.ReturnKind.HTML;
        }
        if (type == byte[].class) {
            return PreparedRoute.ReturnKind.BYTES;
        }
        if (type == Response.class) {
            return PreparedRoute.ReturnKind.RESPONSE;
        }
        return writer != null ? PreparedRoute.ReturnKind.WRITER : PreparedRoute.ReturnKind.DYNAMIC;
    }

    private ParameterBinder bindParameter(Parameter parameter, int index, Method method, RoutePattern pattern,
                                          RouteInfo info) {
        Class<?> type = parameter.getType();
        String where = describe(method) + ", parameter " + (index + 1) + " ('" + parameter.getName() + "' of type "
                + parameter.getParameterizedType().getTypeName() + ")";

        if (type == Request.class) {
            return request -> request;
        }
        if (type == Session.class) {
            return Request::session;
        }
        if (type == UploadedFile.class) {
            String field = parameter.getName();
            return request -> {
                UploadedFile file = request.file(field);
                if (file == null) {
                    throw new HttpException(400, "missing uploaded file '" + field
                            + "' (send the form as multipart/form-data with a file field of that name)");
                }
                return file;
            };
        }
        PathVar pathVar = parameter.getAnnotation(PathVar.class);
        Query query = parameter.getAnnotation(Query.class);
        Header header = parameter.getAnnotation(Header.class);
        if (pathVar != null || (query == null && header == null && pattern.variable(parameter.getName()) != null)) {
            String name = pathVar != null ? pathVar.value() : parameter.getName();
            RoutePattern.Part part = pattern.variable(name);
            if (part == null) {
                throw new IllegalArgumentException(where + ": @PathVar(\"" + name + "\") names no variable of route '"
                        + pattern.source() + "' (its variables: " + pattern.variableNames() + ")");
            }
            return pathVariableBinder(part, type, where);
        }
        if (query != null) {
            String name = query.value().isEmpty() ? parameter.getName() : query.value();
            return textBinder(parameter, where, "query argument '" + name + "'", query.defaultValue(),
                    query.required(), request -> request.queryAll(name));
        }
        if (header != null) {
            String name = header.value();
            return textBinder(parameter, where, "header '" + name + "'", header.defaultValue(), header.required(),
                    request -> request.headers(name));
        }
        for (ParameterResolver resolver : app.parameterResolvers()) {
            ParameterBinder binder;
            try {
                binder = resolver.resolve(parameter, info);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(where + ": " + e.getMessage(), e);
            }
            if (binder != null) {
                return binder;
            }
        }
        StringBuilder message = new StringBuilder(where).append(" cannot be bound. ");
        if (parameter.getName().matches("arg\\d+")) {
            message.append("Its name was not kept by the compiler: compile with '-parameters' "
                    + "(maven-compiler-plugin <parameters>true</parameters>) or annotate it with @PathVar/@Query. ");
        }
        message.append("It is not a variable of route '").append(pattern.source()).append("' (its variables: ")
                .append(pattern.variableNames()).append("), nor annotated @Query or @Header, nor of a type that "
                        + "microflask or an installed extension provides (Request, Session, UploadedFile");
        for (String provided : app.providedParameterHints()) {
            message.append(", ").append(provided);
        }
        message.append(").");
        if (!type.isPrimitive() && !type.getName().startsWith("java.")) {
            message.append(" To read it from a JSON body, add microflask-json and annotate it with @Body.");
        }
        throw new IllegalArgumentException(message.toString());
    }

    private static ParameterBinder pathVariableBinder(RoutePattern.Part part, Class<?> type, String where) {
        Converter converter = part.converter();
        if (!converter.accepts(type)) {
            throw new IllegalArgumentException(where + ": path variable <" + part.converterName() + ":"
                    + part.variable() + "> cannot be given as " + type.getSimpleName() + "; declare it as "
                    + suggestedType(part.converterName()));
        }
        String name = part.variable();
        if (type == long.class || type == Long.class) {
            return request -> ((Number) request.pathVariable(name)).longValue();
        }
        if (type == int.class || type == Integer.class) {
            return request -> {
                Number n = (Number) request.pathVariable(name);
                if (n instanceof Long) {
                    throw new HttpException(404, "path variable '" + name + "' is out of range for an int");
                }
                return n.intValue();
            };
        }
        if (type == float.class || type == Float.class) {
            return request -> ((Number) request.pathVariable(name)).floatValue();
        }
        if (type == String.class || type == CharSequence.class) {
            return request -> {
                Object value = request.pathVariable(name);
                return value instanceof String s ? s : String.valueOf(value);
            };
        }
        return request -> request.pathVariable(name);
    }

    private static String suggestedType(String converterName) {
        return switch (converterName) {
            case "int" -> "int, long (or their wrappers) or String";
            case "float" -> "double, float (or their wrappers) or String";
            case "uuid" -> "java.util.UUID or String";
            default -> "String";
        };
    }

    private static ParameterBinder textBinder(Parameter parameter, String where, String source, String defaultValue,
                                              boolean required, Function<Request, List<String>> values) {
        Class<?> type = parameter.getType();
        boolean hasDefault = !Query.NO_DEFAULT.equals(defaultValue);
        if (type == Optional.class || type == List.class) {
            Class<?> element = TextConversion.typeArgument(parameter.getParameterizedType());
            Function<String, Object> convert = element == null ? null : TextConversion.forType(element);
            if (convert == null) {
                throw new IllegalArgumentException(where + ": " + source + " of type "
                        + parameter.getParameterizedType().getTypeName() + " is not supported; use String, a number, "
                        + "boolean, UUID, LocalDate or an enum, optionally in Optional<...> or List<...>");
            }
            if (type == Optional.class) {
                return request -> {
                    List<String> found = values.apply(request);
                    String text = found.isEmpty() ? (hasDefault ? defaultValue : null) : found.get(0);
                    return text == null ? Optional.empty() : Optional.of(convertOrReject(convert, text, source, element));
                };
            }
            return request -> {
                List<String> found = values.apply(request);
                if (found.isEmpty() && hasDefault) {
                    found = List.of(defaultValue);
                }
                List<Object> converted = new ArrayList<>(found.size());
                for (String text : found) {
                    converted.add(convertOrReject(convert, text, source, element));
                }
                return List.copyOf(converted);
            };
        }
        Function<String, Object> convert = TextConversion.forType(type);
        if (convert == null) {
            throw new IllegalArgumentException(where + ": " + source + " cannot be converted to "
                    + type.getSimpleName() + "; use String, a number, boolean, UUID, LocalDate or an enum, "
                    + "optionally in Optional<...> or List<...>");
        }
        if (hasDefault) {
            try {
                convert.apply(defaultValue);
            } catch (RuntimeException e) {
                throw new IllegalArgumentException(where + ": default value '" + defaultValue + "' of " + source
                        + " is not " + TextConversion.describe(type));
            }
        }
        boolean nullable = !type.isPrimitive();
        return request -> {
            List<String> found = values.apply(request);
            String text = found.isEmpty() ? null : found.get(0);
            if (text == null) {
                if (hasDefault) {
                    text = defaultValue;
                } else if (!required && nullable) {
                    return null;
                } else {
                    throw new HttpException(400, "missing " + source);
                }
            }
            return convertOrReject(convert, text, source, type);
        };
    }

    private static Object convertOrReject(Function<String, Object> convert, String text, String source,
                                          Class<?> type) {
        try {
            return convert.apply(text);
        } catch (RuntimeException e) {
            String shown = text.length() > 64 ? text.substring(0, 64) + "..." : text;
            throw new HttpException(400, source + " must be " + TextConversion.describe(type) + ", got '"
                    + shown + "'");
        }
    }

    private ErrorHandlerMethod prepareErrorHandler(Object target, Method method, ErrorHandler annotation,
                                                   String prefix) {
        String where = describe(method);
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
        ResultWriter writer = app.findWriter(method.getReturnType(), method.getGenericReturnType());
        return new ErrorHandlerMethod(method, List.of(annotation.exception()), annotation.status().clone(), prefix,
                new HandlerInvoker(target, method), sources, returnKind(method.getReturnType(), writer), writer);
    }
}
