package io.microflask.dispatch;

import io.microflask.AfterRequest;
import io.microflask.BeforeRequest;
import io.microflask.Converter;
import io.microflask.ErrorHandler;
import io.microflask.Form;
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
 * How each handler parameter gets its value, decided once at {@code register}: a path
 * variable by name (or {@code @PathVar}), a query argument ({@code @Query}), a form field
 * ({@code @Form}), a header
 * ({@code @Header}), a framework type ({@code Request}, {@code Session}, {@code UploadedFile}),
 * or what an extension's resolver provides. A parameter nothing can fill is an error naming it
 * and saying how to fix it; a request that cannot supply a value is a 400 naming the value.
 */
final class ParameterBinders {
    private final Extensions extensions;

    ParameterBinders(Extensions extensions) {
        this.extensions = extensions;
    }

    ParameterBinder bind(Parameter parameter, int index, Method method, RoutePattern pattern,
                                          RouteInfo info) {
        Class<?> type = parameter.getType();
        String where = HandlerNames.describe(method) + ", parameter " + (index + 1) + " ('" + parameter.getName() + "' of type "
                + parameter.getParameterizedType().getTypeName() + ")";

        if (type == Request.class) {
            return request -> request;
        }
        if (type == Session.class) {
            return Request::session;
        }
        if (type == java.io.InputStream.class) {
            // The raw body, for handlers that stream it on (to object storage, a digest, a file).
            return Request::bodyStream;
        }
        Form form = parameter.getAnnotation(Form.class);
        if (type == UploadedFile.class) {
            String field = form == null || form.value().isEmpty() ? parameter.getName() : form.value();
            boolean required = form == null || form.required();
            return request -> {
                UploadedFile file = request.file(field);
                if (file == null && required) {
                    throw new HttpException(400, "missing uploaded file '" + field
                            + "' (send the form as multipart/form-data with a file field of that name)");
                }
                return file;
            };
        }
        PathVar pathVar = parameter.getAnnotation(PathVar.class);
        Query query = parameter.getAnnotation(Query.class);
        Header header = parameter.getAnnotation(Header.class);
        if (pathVar != null || (query == null && header == null && form == null
                && pattern.variable(parameter.getName()) != null)) {
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
        if (form != null) {
            String name = form.value().isEmpty() ? parameter.getName() : form.value();
            return textBinder(parameter, where, "form field '" + name + "'", form.defaultValue(), form.required(),
                    request -> request.formAll(name));
        }
        if (header != null) {
            String name = header.value();
            return textBinder(parameter, where, "header '" + name + "'", header.defaultValue(), header.required(),
                    request -> request.headerAll(name));
        }
        for (ParameterResolver resolver : extensions.parameterResolvers()) {
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
                .append(pattern.variableNames()).append("), nor annotated @Query, @Form or @Header, nor of a type that "
                        + "microflask or an installed extension provides (Request, Session, UploadedFile");
        for (String provided : extensions.providedParameterHints()) {
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
}
