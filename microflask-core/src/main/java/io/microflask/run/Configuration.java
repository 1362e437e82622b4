package io.microflask.run;

import io.microflask.Config;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * Loads an app's {@link Config} from its sources, weakest first: {@code microflask.properties}
 * on the classpath, {@code microflask.properties} in the instance folder, {@code .env} in the
 * working directory (in development only), the {@code MICROFLASK_*} environment variables. The
 * instance folder is {@code MICROFLASK_INSTANCE_PATH} when set, else the settings' default.
 */
public final class Configuration {
    /** The file name looked for on the classpath and in the instance folder. */
    public static final String FILE_NAME = "microflask.properties";
    /** The dotenv file read in development. */
    public static final String DOTENV = ".env";
    private static final Logger log = LoggerFactory.getLogger(Configuration.class);
    private static volatile boolean developmentRequested;

    private Configuration() {
    }

    /**
     * Says that the process was started in debug mode from the command line ({@code --debug}), so
     * that apps created from now on read {@code .env}.
     */
    public static void developmentRequested(boolean requested) {
        developmentRequested = requested;
    }

    /** Whether {@code .env} is read: debug mode asked for on the command line or by {@code MICROFLASK_DEBUG}. */
    public static boolean development(Environment environment) {
        if (developmentRequested) {
            return true;
        }
        String debug = environment.debug();
        try {
            return debug != null && io.microflask.util.ConfigValues.flag(debug);
        } catch (IllegalArgumentException e) {
            return false; // RunOptions names the bad value when the app runs
        }
    }

    /**
     * The configuration of an app whose classes and resources come from {@code loader}, with
     * {@code defaultInstance} as the instance folder unless {@code MICROFLASK_INSTANCE_PATH} names another.
     */
    public static Config load(Environment environment, ClassLoader loader, Path workingDirectory,
                              Path defaultInstance) {
        Config config = new Config();
        URL shipped = loader == null ? null : loader.getResource(FILE_NAME);
        String shippedSource = "classpath:" + FILE_NAME;
        config.searched(shippedSource);
        if (shipped != null) {
            try (InputStream in = shipped.openStream()) {
                putProperties(config, in, shippedSource);
            } catch (IOException e) {
                throw new UncheckedIOException("could not read " + shipped + ": " + e.getMessage(), e);
            }
        }
        String instanceVariable = environment.variables().get("MICROFLASK_INSTANCE_PATH");
        Path instance = instanceVariable == null || instanceVariable.isBlank() ? defaultInstance
                : Path.of(instanceVariable.strip());
        Path instanceFile = instance.resolve(FILE_NAME);
        String instanceSource = instanceFile.toString();
        config.searched(instanceSource);
        if (Files.isRegularFile(instanceFile)) {
            try (InputStream in = Files.newInputStream(instanceFile)) {
                putProperties(config, in, instanceSource);
            } catch (IOException e) {
                throw new UncheckedIOException("could not read " + instanceFile.toAbsolutePath() + ": " + e.getMessage(), e);
            }
        }
        if (development(environment)) {
            Path dotenv = workingDirectory.resolve(DOTENV);
            config.searched(DOTENV);
            if (Files.isRegularFile(dotenv)) {
                putPrefixed(config, Dotenv.parse(dotenv), DOTENV);
            }
        }
        config.searched("the environment");
        putPrefixed(config, environment.variables(), "the environment");
        return config;
    }

    /** The configuration the {@code MICROFLASK_*} variables alone give. */
    public static Config fromEnvironment(Environment environment) {
        Config config = new Config();
        putPrefixed(config, environment.variables(), "the environment");
        return config;
    }

    private static void putPrefixed(Config config, Map<String, String> variables, String source) {
        // Sorted, so that the config listing does not depend on the map's order.
        for (Map.Entry<String, String> variable : new TreeMap<>(variables).entrySet()) {
            String name = variable.getKey();
            if (name.startsWith(Environment.PREFIX) && name.length() > Environment.PREFIX.length()) {
                config.put(name.substring(Environment.PREFIX.length()), variable.getValue(), source, name);
            }
        }
    }

    private static void putProperties(Config config, InputStream in, String source) throws IOException {
        Properties properties = new Properties();
        try (Reader reader = new java.io.InputStreamReader(in, StandardCharsets.UTF_8)) {
            properties.load(reader);
        }
        for (Map.Entry<String, String> property : toStrings(properties).entrySet()) {
            config.put(property.getKey(), property.getValue(), source);
        }
        log.debug("read {} values from {}", properties.size(), source);
    }

    private static Map<String, String> toStrings(Properties properties) {
        Map<String, String> map = new TreeMap<>();
        for (String name : properties.stringPropertyNames()) {
            map.put(name, properties.getProperty(name));
        }
        return map;
    }

    /** The few lines of a {@code .env} file: {@code KEY=value}, {@code export KEY=value}, quotes, comments. */
    static final class Dotenv {
        private Dotenv() {
        }

        static Map<String, String> parse(Path file) {
            List<String> lines;
            try {
                lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException("could not read " + file.toAbsolutePath() + ": " + e.getMessage(), e);
            }
            Map<String, String> values = new TreeMap<>();
            for (int i = 0; i < lines.size(); i++) {
                String line = lines.get(i).strip();
                if (line.isEmpty() || line.startsWith("#")) {
                    continue;
                }
                if (line.startsWith("export ")) {
                    line = line.substring("export ".length()).strip();
                }
                int equals = line.indexOf('=');
                if (equals <= 0) {
                    throw new IllegalArgumentException(DOTENV + " line " + (i + 1) + ": expected NAME=value, e.g. "
                            + "MICROFLASK_SECRET_KEY=..., got '" + lines.get(i).strip() + "'");
                }
                String name = line.substring(0, equals).strip();
                String value = line.substring(equals + 1).strip();
                if (value.length() >= 2 && (value.startsWith("\"") && value.endsWith("\"")
                        || value.startsWith("'") && value.endsWith("'"))) {
                    value = value.substring(1, value.length() - 1);
                } else {
                    int comment = value.indexOf(" #");
                    if (comment >= 0) {
                        value = value.substring(0, comment).strip();
                    }
                }
                values.put(name, value);
            }
            return values;
        }
    }
}
