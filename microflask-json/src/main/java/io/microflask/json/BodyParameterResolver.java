package io.microflask.json;

import com.fasterxml.jackson.databind.ObjectReader;
import io.microflask.RouteInfo;
import io.microflask.spi.ParameterBinder;
import io.microflask.spi.ParameterResolver;

import java.lang.reflect.Parameter;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.Optional;

/** Binds a {@link Body @Body} parameter to the request's JSON body, read as the parameter's declared type. */
final class BodyParameterResolver implements ParameterResolver {
    private final JsonExtension json;

    BodyParameterResolver(JsonExtension json) {
        this.json = json;
    }

    @Override
    public ParameterBinder resolve(Parameter parameter, RouteInfo route) {
        Body body = parameter.getAnnotation(Body.class);
        if (body == null) {
            return null;
        }
        for (Parameter other : parameter.getDeclaringExecutable().getParameters()) {
            if (other != parameter && other.isAnnotationPresent(Body.class)) {
                throw new IllegalArgumentException("a request has one body, but both '" + parameter.getName()
                        + "' and '" + other.getName() + "' are annotated @Body; keep @Body on one parameter "
                        + "(a record can hold several values)");
            }
        }
        boolean optional = parameter.getType() == Optional.class;
        if (!body.required() && parameter.getType().isPrimitive()) {
            throw new IllegalArgumentException("@Body(required = false) on a " + parameter.getType().getName()
                    + " cannot be null when the body is absent; declare it as "
                    + boxed(parameter.getType()) + " or Optional<" + boxed(parameter.getType()) + ">");
        }
        Type target = optional ? optionalArgument(parameter) : parameter.getParameterizedType();
        boolean required = body.required() && !optional;
        RouteReader reader = new RouteReader(json, target);
        if (optional) {
            return request -> Optional.ofNullable(JsonBodyReader.read(reader.get(), request, target, false));
        }
        return request -> JsonBodyReader.read(reader.get(), request, target, required);
    }

    /**
     * The reader of one route's body type, kept with the route: built once, rebuilt when the
     * mapper changes, and dropped with the route when handlers are replaced.
     */
    private static final class RouteReader {
        private final JsonExtension json;
        private final Type type;
        private volatile Stamped current;

        RouteReader(JsonExtension json, Type type) {
            this.json = json;
            this.type = type;
        }

        ObjectReader get() {
            Stamped stamped = current;
            int generation = json.generation();
            if (stamped == null || stamped.generation != generation) {
                stamped = new Stamped(generation, json.reader(type));
                current = stamped;
            }
            return stamped.reader;
        }

        private record Stamped(int generation, ObjectReader reader) {
        }
    }

    private static Type optionalArgument(Parameter parameter) {
        if (parameter.getParameterizedType() instanceof ParameterizedType parameterized) {
            return parameterized.getActualTypeArguments()[0];
        }
        throw new IllegalArgumentException("@Body Optional needs its type: declare it as Optional<YourType>");
    }

    private static String boxed(Class<?> primitive) {
        return switch (primitive.getName()) {
            case "int" -> "Integer";
            case "char" -> "Character";
            default -> Character.toUpperCase(primitive.getName().charAt(0)) + primitive.getName().substring(1);
        };
    }
}
