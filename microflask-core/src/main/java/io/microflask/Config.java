package io.microflask;

import io.microflask.util.ConfigValues;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * An app's configuration, Flask's {@code app.config}: keys and text values with where each came
 * from, read with typed getters. {@code new App()} loads it, each source over the one before:
 * <ol>
 *   <li>{@code microflask.properties} at the root of the classpath (defaults shipped with the app);</li>
 *   <li>{@code microflask.properties} in the instance folder ({@code instance/}, kept out of
 *       version control: secrets, the database);</li>
 *   <li>{@code .env} in the working directory, in debug mode only ({@code --debug} or
 *       {@code MICROFLASK_DEBUG}), its {@code MICROFLASK_*} lines;</li>
 *   <li>{@code MICROFLASK_*} environment variables, without the prefix, as Flask's
 *       {@code from_prefixed_env}.</li>
 * </ol>
 * Keys are spelt one way whatever the source: {@code MICROFLASK_MAX_BODY_SIZE},
 * {@code MAX_BODY_SIZE}, {@code max-body-size} and {@code maxBodySize} are all {@code MAX_BODY_SIZE}.
 * A key that names a {@link Settings} value sets it ({@code MAX_BODY_SIZE=32MiB} is
 * {@code settings().maxBodySize(32 << 20)}); code that changes settings afterwards wins. Every
 * other key is the app's own: {@code app.config().string("DATABASE_URL", "jdbc:h2:...")}.
 *
 * <p>A value that does not parse is an {@link IllegalArgumentException} that names the key as
 * written, its source and the expected form, e.g.
 * {@code MICROFLASK_POOL_SIZE="ten": expected a whole number, e.g. 64 (from the environment)}.
 */
public final class Config {
    private final Map<String, Value> values = new LinkedHashMap<>();
    private final List<String> sources = new ArrayList<>();

    /**
     * One value and where it came from.
     *
     * @param key       the canonical key, e.g. {@code MAX_BODY_SIZE}
     * @param value     the text as given
     * @param source    where it came from, e.g. {@code instance/microflask.properties} or {@code the environment}
     * @param writtenAs the key as the source spelt it, e.g. {@code MICROFLASK_MAX_BODY_SIZE}
     */
    public record Value(String key, String value, String source, String writtenAs) {
        /** The value as it may be shown: masked when the key names a secret. */
        public String shown() {
            return ConfigValues.shown(key, value);
        }

        @Override
        public String toString() {
            return writtenAs + "=" + shown() + " (from " + source + ")";
        }
    }

    /** An empty configuration. */
    public Config() {
    }

    /**
     * Sets a value from a source, over any earlier one; the engine loads the sources in order with
     * it. {@code writtenAs} is the key as the source spells it, for messages.
     */
    public Config put(String writtenAs, String value, String source) {
        return put(writtenAs, value, source, writtenAs);
    }

    /**
     * Sets {@code key} from a source that spells it {@code writtenAs} (an environment variable
     * {@code MICROFLASK_MAX_BODY_SIZE} sets {@code MAX_BODY_SIZE}).
     */
    public Config put(String key, String value, String source, String writtenAs) {
        String canonical = ConfigValues.key(key);
        values.put(canonical, new Value(canonical, value, source, writtenAs));
        if (!sources.contains(source)) {
            sources.add(source);
        }
        return this;
    }

    /** Sets a value in code (source {@code code}). */
    public Config set(String key, String value) {
        return put(key, value, "code");
    }

    /** Records a source that was read (or looked for) even if it held nothing, for messages. */
    public Config searched(String source) {
        if (!sources.contains(source)) {
            sources.add(source);
        }
        return this;
    }

    /** The sources read, weakest first. */
    public List<String> sources() {
        return List.copyOf(sources);
    }

    /** Every value, in the order first set. */
    public List<Value> values() {
        return List.copyOf(values.values());
    }

    /** The value of {@code key} with its source, if set. */
    public Optional<Value> value(String key) {
        return Optional.ofNullable(values.get(ConfigValues.key(key)));
    }

    /** Whether {@code key} is set (to anything but blanks). */
    public boolean has(String key) {
        return value(key).filter(v -> !v.value().isBlank()).isPresent();
    }

    /**
     * The text of {@code key}; a missing key is an {@link IllegalStateException} saying where to set it.
     */
    public String string(String key) {
        return value(key).filter(v -> !v.value().isBlank()).map(Value::value).orElseThrow(() -> missing(key));
    }

    /** The text of {@code key}, or {@code fallback}. */
    public String string(String key, String fallback) {
        return has(key) ? string(key) : fallback;
    }

    /** A whole number ({@code 64}). */
    public int integer(String key, int fallback) {
        return typed(key, fallback, ConfigValues::integer);
    }

    /** A whole number that may be large. */
    public long longValue(String key, long fallback) {
        return typed(key, fallback, ConfigValues::longValue);
    }

    /** A size in bytes: {@code 32MiB}, {@code 512KiB}, {@code 1048576}. */
    public long size(String key, long fallback) {
        return typed(key, fallback, ConfigValues::size);
    }

    /** A flag: {@code true/false}, {@code 1/0}, {@code yes/no}, {@code on/off}. */
    public boolean flag(String key, boolean fallback) {
        return typed(key, fallback, ConfigValues::flag);
    }

    /** A duration: {@code 30s}, {@code 250ms}, {@code 5m}, {@code PT30S}. */
    public Duration duration(String key, Duration fallback) {
        return typed(key, fallback, ConfigValues::duration);
    }

    /** A path, as given (relative paths are relative to the working directory). */
    public Path path(String key, Path fallback) {
        return typed(key, fallback, Path::of);
    }

    /** Comma-separated values; empty when unset. */
    public List<String> list(String key) {
        return typed(key, List.of(), ConfigValues::list);
    }

    private <T> T typed(String key, T fallback, Function<String, T> parse) {
        Optional<Value> found = value(key).filter(v -> !v.value().isBlank());
        if (found.isEmpty()) {
            return fallback;
        }
        Value value = found.get();
        try {
            return parse.apply(value.value().strip());
        } catch (RuntimeException e) {
            throw invalid(value, e.getMessage());
        }
    }

    /** The error for a value that does not have the expected form. */
    public static IllegalArgumentException invalid(Value value, String expected) {
        return new IllegalArgumentException(value.writtenAs() + "=\"" + value.shown() + "\": " + expected
                + " (from " + value.source() + ")");
    }

    private IllegalStateException missing(String key) {
        String canonical = ConfigValues.key(key);
        return new IllegalStateException("configuration key " + canonical + " is not set. Set it in "
                + "instance/microflask.properties (" + canonical + "=...) or as the environment variable MICROFLASK_"
                + canonical + "; searched: " + (sources.isEmpty() ? "nothing" : String.join(", ", sources)));
    }

    @Override
    public String toString() {
        return values.values().toString();
    }
}
