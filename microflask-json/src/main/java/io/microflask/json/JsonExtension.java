package io.microflask.json;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.microflask.App;
import io.microflask.Request;
import io.microflask.spi.Extension;
import io.microflask.spi.ExtensionRegistry;

import java.lang.reflect.Method;
import java.lang.reflect.Type;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * JSON for microflask: handler return values become JSON, {@link Body @Body} parameters are read
 * from JSON, and errors are JSON for clients that want it. Installed by adding the dependency;
 * an app reaches it to configure Jackson:
 *
 * <pre>{@code
 * JsonExtension json = app.extension(JsonExtension.class);
 * json.configure(mapper -> mapper.enable(SerializationFeature.INDENT_OUTPUT))
 *     .unknownProperties(UnknownProperties.IGNORE);
 * }</pre>
 *
 * <p>There is one {@link ObjectMapper} per app. Readers and writers derived from it are cached
 * per type, so a request pays no Jackson look-up beyond a cache hit.
 */
public final class JsonExtension implements Extension {
    /** The Content-Type of JSON answers. */
    public static final String APPLICATION_JSON = "application/json";
    /** Where the JSON error renderer goes: before devtools' detailed HTML page. */
    static final int ERRORS_ORDER = -1000;

    /**
     * Declared return types this extension writes, by name: their routes produce JSON, so their
     * errors are JSON. Names, not types, so that classes replaced by a devtools reload can unload.
     */
    private final Set<String> jsonReturnTypes = ConcurrentHashMap.newKeySet();
    private volatile ObjectMapper mapper;
    /** Per-class readers and writers; a ClassValue does not keep a reloaded class's loader alive. */
    private volatile Caches caches;
    /** Bumped by every change of the mapper, so that readers cached elsewhere are rebuilt. */
    private volatile int generation;
    private volatile UnknownProperties unknownProperties = UnknownProperties.REJECT;

    /** Created by {@link java.util.ServiceLoader} when the app is, or by an app that installs it itself. */
    public JsonExtension() {
        this.mapper = defaultMapper(UnknownProperties.REJECT);
        this.caches = new Caches(mapper);
    }

    /**
     * The extension installed in {@code app}.
     *
     * @throws IllegalStateException if it is not installed (an app made with
     *                               {@code App.withoutExtensionDiscovery()} that did not install it)
     */
    public static JsonExtension of(App app) {
        return installedOrFail(app.extension(JsonExtension.class));
    }

    /** The extension installed in the app answering {@code request}; fails as {@link #of(App)}. */
    public static JsonExtension of(Request request) {
        return installedOrFail(request.extension(JsonExtension.class));
    }

    private static JsonExtension installedOrFail(JsonExtension json) {
        if (json == null) {
            throw new IllegalStateException("microflask-json is not installed in this app: it was created with "
                    + "App.withoutExtensionDiscovery(); call app.install(new JsonExtension()) before registering "
                    + "handlers");
        }
        return json;
    }

    /**
     * The mapper microflask-json starts with: java.time values as ISO-8601 strings, {@code Optional}
     * supported, characters outside the BMP written as UTF-8, trailing garbage after the JSON value
     * and a key given twice in one object ({@code STRICT_DUPLICATE_DETECTION}) rejected, unknown
     * properties handled by {@code policy}. Records need no configuration.
     */
    public static ObjectMapper defaultMapper(UnknownProperties policy) {
        return JsonMapper.builder()
                .addModule(new JavaTimeModule())
                .addModule(new Jdk8Module())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                // {"role":"user","role":"admin"}: which one wins depends on the reader, so neither does (400).
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                // Characters outside the BMP (emoji) as UTF-8, not as "\\uD83D\\uDE00" escapes.
                .enable(JsonWriteFeature.COMBINE_UNICODE_SURROGATES_IN_UTF8)
                .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, policy == UnknownProperties.REJECT)
                // Strict types: "5" is not a number and 5 is not a string; a client that sends the
                // wrong type gets a 400 naming the field instead of a silently converted value.
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .withCoercionConfig(LogicalType.Textual, config -> config
                        .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
                .build();
    }

    @Override
    public String name() {
        return "microflask-json";
    }

    /** Last: any object can be written as JSON, so more specific writers (template views) go first. */
    @Override
    public int order() {
        return LAST;
    }

    @Override
    public void install(ExtensionRegistry registry) {
        registry.addResultWriter(new JsonResultWriter(this));
        registry.addParameterResolver(new BodyParameterResolver(this));
        registry.describeProvidedParameter("@Body T (microflask-json)");
        // The writer is asked after other writers (any object can be JSON), while the error renderer
        // is asked before other renderers: it answers only clients that want JSON, and devtools'
        // HTML page would otherwise answer API clients in debug mode.
        registry.addErrorRenderer(new JsonErrorRenderer(this), ERRORS_ORDER);
    }

    /** The app's mapper. To change it, use {@link #configure} so that cached readers and writers are rebuilt. */
    public ObjectMapper mapper() {
        return mapper;
    }

    /**
     * Changes the mapper, e.g. {@code configure(m -> m.enable(SerializationFeature.INDENT_OUTPUT))}
     * or {@code configure(m -> m.registerModule(new MyModule()))}. Call it before the server starts.
     */
    public synchronized JsonExtension configure(Consumer<ObjectMapper> customizer) {
        customizer.accept(mapper);
        clearCaches();
        return this;
    }

    /**
     * Uses the app's own mapper, as is (its unknown-property setting included), e.g. one shared
     * with other code. Call it before the server starts.
     */
    public synchronized JsonExtension mapper(ObjectMapper replacement) {
        this.mapper = Objects.requireNonNull(replacement, "mapper");
        clearCaches();
        return this;
    }

    /** The policy for JSON properties the target type does not declare. Default {@link UnknownProperties#REJECT}. */
    public UnknownProperties unknownProperties() {
        return unknownProperties;
    }

    /** Sets the policy for JSON properties the target type does not declare. */
    public synchronized JsonExtension unknownProperties(UnknownProperties policy) {
        this.unknownProperties = Objects.requireNonNull(policy, "policy");
        return configure(m -> m.configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES,
                policy == UnknownProperties.REJECT));
    }

    /** A reader for {@code type}: cached for classes, built (from Jackson's own caches) for generic types. */
    ObjectReader reader(Type type) {
        if (type instanceof Class<?> c) {
            return caches.readers.get(c);
        }
        ObjectMapper current = mapper;
        return current.readerFor(current.getTypeFactory().constructType(type));
    }

    ObjectWriter writer(Class<?> type) {
        return caches.writers.get(type);
    }

    /** Changes whenever the mapper does; a reader cached outside this class is stale when it differs. */
    int generation() {
        return generation;
    }

    void rememberJsonReturnType(Type type) {
        jsonReturnTypes.add(type.getTypeName());
    }

    /** Whether this extension writes what {@code handler} returns (and no more specific writer does). */
    boolean producesJson(Method handler) {
        return jsonReturnTypes.contains(handler.getGenericReturnType().getTypeName());
    }

    /**
     * Drops every cached reader and writer, and Jackson's own caches of serializers and types: for
     * tools that replace classes in a running app (a devtools reload), so that the old classes can
     * be unloaded. {@link #configure} and {@link #mapper(ObjectMapper)} call it.
     */
    public synchronized void clearCaches() {
        ObjectMapper current = mapper;
        current.getSerializerProvider().flushCachedSerializers();
        current.getTypeFactory().clearCache();
        caches = new Caches(current);
        generation++;
    }

    /** Readers and writers derived from one mapper. */
    private static final class Caches {
        final ClassValue<ObjectReader> readers;
        final ClassValue<ObjectWriter> writers;

        Caches(ObjectMapper mapper) {
            this.readers = new ClassValue<>() {
                @Override
                protected ObjectReader computeValue(Class<?> type) {
                    return mapper.readerFor(type);
                }
            };
            this.writers = new ClassValue<>() {
                @Override
                protected ObjectWriter computeValue(Class<?> type) {
                    return mapper.writerFor(type);
                }
            };
        }
    }
}
