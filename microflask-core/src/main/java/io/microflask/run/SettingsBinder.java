package io.microflask.run;

import io.microflask.Config;
import io.microflask.Settings;
import io.microflask.util.ConfigValues;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Sets {@link Settings} from a {@link Config}: every setter {@code Settings name(T)} whose type is
 * text, a number, a size, a flag, a duration, a path, a list or an enum is a key
 * ({@code maxBodySize} is {@code MAX_BODY_SIZE}), found once by reflection so that a setting added
 * to {@code Settings} is configurable with no change here. Also lists each setting's value and
 * where it came from, for the {@code config} command.
 */
public final class SettingsBinder {
    private static final Logger log = LoggerFactory.getLogger(SettingsBinder.class);
    private static final Map<String, Property> PROPERTIES = discover();

    private SettingsBinder() {
    }

    /** One configurable setting. */
    private record Property(String key, String name, Method setter, Method getter) {
        Class<?> type() {
            return setter.getParameterTypes()[0];
        }

        String expected() {
            Class<?> type = type();
            if (type == long.class) {
                return "expected a size in bytes or a whole number, e.g. 32MiB or 1048576";
            }
            if (type == int.class) {
                return "expected a whole number, e.g. 64";
            }
            if (type == boolean.class) {
                return "expected true or false (also 1/0, yes/no, on/off)";
            }
            if (type == Duration.class) {
                return "expected a duration, e.g. 30s, 250ms, 5m or PT30S";
            }
            if (type.isEnum()) {
                return "expected one of " + List.of(type.getEnumConstants());
            }
            if (key.equals("TRUSTED_PROXIES")) {
                return "Set it to comma-separated addresses or CIDR ranges, e.g. %s=127.0.0.1,10.0.0.0/8";
            }
            if (key.equals("TRUSTED_HOSTS")) {
                return "Set it to comma-separated host names, e.g. %s=example.com,.example.org";
            }
            if (type == List.class || type == String[].class) {
                return "expected comma-separated values";
            }
            return "expected a text value";
        }

        Object parse(String text) {
            Class<?> type = type();
            if (type == long.class) {
                return ConfigValues.size(text);
            }
            if (type == int.class) {
                return ConfigValues.integer(text);
            }
            if (type == boolean.class) {
                return ConfigValues.flag(text);
            }
            if (type == Duration.class) {
                return ConfigValues.duration(text);
            }
            if (type == Path.class) {
                return Path.of(text);
            }
            if (type == List.class) {
                return ConfigValues.list(text);
            }
            if (type == String[].class) {
                return ConfigValues.list(text).toArray(String[]::new);
            }
            if (type.isEnum()) {
                for (Object constant : type.getEnumConstants()) {
                    if (((Enum<?>) constant).name().equalsIgnoreCase(text.strip())) {
                        return constant;
                    }
                }
                throw new IllegalArgumentException(expected());
            }
            return text;
        }
    }

    private static Map<String, Property> discover() {
        Map<String, Property> found = new LinkedHashMap<>();
        List<Method> methods = new ArrayList<>(List.of(Settings.class.getMethods()));
        methods.sort(java.util.Comparator.comparing(Method::getName));
        for (Method setter : methods) {
            if (setter.getReturnType() != Settings.class || setter.getParameterCount() != 1
                    || !supported(setter.getParameterTypes()[0])) {
                continue;
            }
            String key = ConfigValues.key(setter.getName());
            Property existing = found.get(key);
            if (existing != null && rank(existing.type()) <= rank(setter.getParameterTypes()[0])) {
                continue;
            }
            Method getter = null;
            try {
                getter = Settings.class.getMethod(setter.getName());
            } catch (NoSuchMethodException e) {
                // a setter without a getter of its name (allowClients): shown from the config alone
            }
            found.put(key, new Property(key, setter.getName(), setter, getter));
        }
        return Map.copyOf(found);
    }

    private static boolean supported(Class<?> type) {
        return type == int.class || type == long.class || type == boolean.class || type == Duration.class
                || type == Path.class || type == String.class || type == List.class || type == String[].class
                || type.isEnum();
    }

    /** Lists win over varargs (the same setting, e.g. {@code trustedProxies}). */
    private static int rank(Class<?> type) {
        return type == List.class ? 0 : type == String[].class ? 1 : 2;
    }

    /** Whether {@code key} names a setting. */
    public static boolean isSetting(String key) {
        return PROPERTIES.containsKey(ConfigValues.key(key));
    }

    /**
     * Sets every setting {@code config} holds a non-blank value for; a value that does not parse
     * or that the setting refuses is an {@link IllegalArgumentException} naming the key as
     * written, its source and the expected form.
     */
    public static void apply(Config config, Settings settings) {
        for (Config.Value value : config.values()) {
            Property property = PROPERTIES.get(value.key());
            if (property == null || value.value().isBlank()) {
                continue;
            }
            Object parsed;
            try {
                parsed = property.parse(value.value().strip());
            } catch (IllegalArgumentException e) {
                throw Config.invalid(value, property.expected().formatted(value.writtenAs()));
            }
            try {
                property.setter().invoke(settings, parsed);
            } catch (InvocationTargetException e) {
                Throwable cause = e.getCause();
                String reason = cause.getCause() != null ? cause.getCause().getMessage() : cause.getMessage();
                String expected = property.expected().formatted(value.writtenAs());
                throw new IllegalArgumentException(value.writtenAs() + "=\"" + value.shown() + "\": " + reason + ". "
                        + (expected.startsWith("Set it") ? expected : "Settings." + property.name() + ": "
                        + expected) + " (from " + value.source() + ")", cause);
            } catch (IllegalAccessException e) {
                throw new IllegalStateException(e);
            }
            logNotable(property.key(), settings, value);
        }
    }

    private static void logNotable(String key, Settings settings, Config.Value value) {
        if (key.equals("TRUSTED_HOSTS")) {
            log.info("answering requests for {} only ({}); other hosts get 400", settings.trustedHosts(),
                    value.writtenAs());
        } else if (key.equals("TRUSTED_PROXIES")) {
            log.info("believing X-Forwarded-* and Forwarded headers from {} ({})", settings.trustedProxyRanges(),
                    value.writtenAs());
        }
    }

    /**
     * Copies every setting that has a getter from {@code from} onto {@code to} (a reload's new
     * settings onto the running app's, which the server holds). What only code can set (a
     * predicate of trusted proxies, a client allow-list) is left as it is.
     */
    public static void copy(Settings from, Settings to) {
        for (Property property : PROPERTIES.values()) {
            if (property.getter() == null) {
                continue;
            }
            Object value = read(property.getter(), from);
            if (value instanceof List<?> list && property.type() == String[].class) {
                value = list.stream().map(String::valueOf).toArray(String[]::new);
            }
            if (value == null && property.type().isPrimitive()) {
                continue;
            }
            try {
                property.setter().invoke(to, value);
            } catch (IllegalAccessException | InvocationTargetException | IllegalArgumentException e) {
                log.debug("setting {} not copied on reload: {}", property.name(), e.toString());
            }
        }
    }

    /**
     * One setting or config key as the {@code config} command shows it.
     *
     * @param key    the canonical key
     * @param value  the value, masked when secret
     * @param source where it came from: a config source, {@code code} or {@code default}
     */
    public record Row(String key, String value, String source) {
    }

    /** Every setting, then every other config key, with its value and source; secrets masked. */
    public static List<Row> describe(Config config, Settings settings) {
        Settings defaults = new Settings();
        List<Row> rows = new ArrayList<>();
        for (Property property : new java.util.TreeMap<>(PROPERTIES).values()) {
            Optional<Config.Value> configured = config.value(property.key()).filter(v -> !v.value().isBlank());
            if (property.getter() == null) {
                configured.ifPresent(v -> rows.add(new Row(property.key(), v.shown(), v.source())));
                continue;
            }
            Object current = read(property.getter(), settings);
            String source;
            if (configured.isPresent() && sameAs(property, configured.get(), current)) {
                source = configured.get().source();
            } else {
                source = Objects.equals(text(current), text(read(property.getter(), defaults))) ? "default" : "code";
            }
            rows.add(new Row(property.key(), current == null ? text(null)
                    : ConfigValues.shown(property.key(), text(current)), source));
        }
        for (Config.Value value : config.values()) {
            if (!PROPERTIES.containsKey(value.key())) {
                rows.add(new Row(value.key(), value.shown(), value.source()));
            }
        }
        return rows;
    }

    private static boolean sameAs(Property property, Config.Value value, Object current) {
        try {
            Object parsed = property.parse(value.value().strip());
            if (parsed instanceof String[] array) {
                parsed = List.of(array);
            }
            return Objects.equals(text(parsed), text(current));
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static Object read(Method getter, Settings settings) {
        try {
            return getter.invoke(settings);
        } catch (IllegalAccessException | InvocationTargetException e) {
            return null;
        }
    }

    private static String text(Object value) {
        if (value == null) {
            return "(none)";
        }
        if (value instanceof Optional<?> optional) {
            return optional.map(SettingsBinder::text).orElse("(none)");
        }
        if (value instanceof Collection<?> collection) {
            List<String> items = new ArrayList<>();
            collection.forEach(item -> items.add(String.valueOf(item)));
            return String.join(",", items);
        }
        if (value instanceof Duration duration) {
            return duration.toString().toLowerCase(Locale.ROOT).substring(2);
        }
        return String.valueOf(value);
    }
}
