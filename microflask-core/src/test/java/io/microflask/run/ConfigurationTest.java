package io.microflask.run;

import io.microflask.Config;
import io.microflask.Settings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Where configuration comes from, in which order, and what a bad value says. */
class ConfigurationTest {
    @TempDir
    Path root;
    private Path classpath;
    private Path instance;
    private URLClassLoader loader;

    @BeforeEach
    void layout() throws IOException {
        classpath = Files.createDirectories(root.resolve("classes"));
        instance = Files.createDirectories(root.resolve("instance"));
        loader = new URLClassLoader(new URL[] {classpath.toUri().toURL()}, null);
    }

    @AfterEach
    void close() throws IOException {
        loader.close();
        Configuration.developmentRequested(false);
    }

    private Config load(Map<String, String> environment) {
        return Configuration.load(Environment.of(environment), loader, root, instance);
    }

    private void write(Path file, String... lines) throws IOException {
        Files.write(file, List.of(lines));
    }

    @Test
    void eachSourceOverridesTheOneBeforeAndDotenvOnlyInDevelopment() throws IOException {
        write(classpath.resolve("microflask.properties"), "A=classpath", "B=classpath", "C=classpath", "D=classpath");
        write(instance.resolve("microflask.properties"), "B=instance", "C=instance", "D=instance");
        write(root.resolve(".env"), "# development values", "export MICROFLASK_C=dotenv", "MICROFLASK_D='dotenv'",
                "OTHER=ignored");

        Config production = load(Map.of("MICROFLASK_D", "environment"));
        assertEquals(List.of("classpath", "instance", "instance", "environment"),
                List.of(production.string("A"), production.string("B"), production.string("C"), production.string("D")));
        assertEquals(instance.resolve("microflask.properties").toString(), production.value("c").orElseThrow().source());

        Config development = load(Map.of("MICROFLASK_D", "environment", "MICROFLASK_DEBUG", "1"));
        assertEquals("dotenv", development.string("C"));
        assertEquals(".env", development.value("C").orElseThrow().source());
        assertEquals("environment", development.string("D"));
        assertFalse(development.has("OTHER"));

        Configuration.developmentRequested(true); // --debug on the command line
        assertEquals("dotenv", load(Map.of()).string("D"));
    }

    @Test
    void everySettingCanComeFromConfigurationAndCodeSetAfterwardsWins() throws IOException {
        write(instance.resolve("microflask.properties"), "max-body-size=1MiB", "idleTimeout=90s",
                "SESSION_COOKIE_SAME_SITE=strict", "serve_dotfiles=yes");
        Config config = load(Map.of("MICROFLASK_MAX_BODY_SIZE", "32MiB", "MICROFLASK_TRUSTED_HOSTS", "example.com",
                "MICROFLASK_SECRET_KEY", "0123456789abcdef0123456789abcdef"));
        Settings settings = new Settings();

        SettingsBinder.apply(config, settings);

        assertEquals(32L << 20, settings.maxBodySize());
        assertEquals(Duration.ofSeconds(90), settings.idleTimeout());
        assertEquals(io.microflask.Cookie.SameSite.STRICT, settings.sessionCookieSameSite());
        assertTrue(settings.serveDotfiles());
        assertEquals(List.of("example.com"), settings.trustedHosts());
        settings.idleTimeout(Duration.ofSeconds(5));

        Map<String, SettingsBinder.Row> rows = new java.util.HashMap<>();
        SettingsBinder.describe(config, settings).forEach(row -> rows.put(row.key(), row));
        assertEquals(new SettingsBinder.Row("MAX_BODY_SIZE", "33554432", "the environment"), rows.get("MAX_BODY_SIZE"));
        assertEquals("code", rows.get("IDLE_TIMEOUT").source());
        assertEquals("default", rows.get("MAX_HEADER_SIZE").source());
        assertEquals("**** (32 characters)", rows.get("SECRET_KEY").value());
        assertFalse(rows.toString().contains("0123456789abcdef"), rows.toString());
    }

    @Test
    void aBadValueNamesTheKeyItsSourceAndTheExpectedForm() throws IOException {
        Settings settings = new Settings();
        IllegalArgumentException size = assertThrows(IllegalArgumentException.class, () -> SettingsBinder
                .apply(load(Map.of("MICROFLASK_MAX_BODY_SIZE", "32 apples")), settings));
        assertEquals("MICROFLASK_MAX_BODY_SIZE=\"32 apples\": expected a size in bytes or a whole number, e.g. 32MiB "
                + "or 1048576 (from the environment)", size.getMessage());

        write(instance.resolve("microflask.properties"), "IDLE_TIMEOUT=soon");
        IllegalArgumentException duration = assertThrows(IllegalArgumentException.class,
                () -> SettingsBinder.apply(load(Map.of()), settings));
        assertEquals("IDLE_TIMEOUT=\"soon\": expected a duration, e.g. 30s, 250ms, 5m or PT30S (from "
                + instance.resolve("microflask.properties") + ")", duration.getMessage());

        write(instance.resolve("microflask.properties"), "MAX_CONNECTIONS=0");
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> SettingsBinder.apply(load(Map.of()), settings));
        assertTrue(refused.getMessage().startsWith("MAX_CONNECTIONS=\"0\": maxConnections must be positive"),
                refused.getMessage());
        assertTrue(refused.getMessage().endsWith("(from " + instance.resolve("microflask.properties") + ")"),
                refused.getMessage());

        IllegalArgumentException secret = assertThrows(IllegalArgumentException.class, () -> load(
                Map.of("MICROFLASK_DB_PASSWORD", "hunter2")).integer("DB_PASSWORD", 0));
        assertEquals("MICROFLASK_DB_PASSWORD=\"**** (7 characters)\": expected a whole number, e.g. 64 (from the "
                + "environment)", secret.getMessage());

        write(root.resolve(".env"), "MICROFLASK_OK=1", "just words");
        IllegalArgumentException dotenv = assertThrows(IllegalArgumentException.class,
                () -> load(Map.of("MICROFLASK_DEBUG", "true")));
        assertEquals(".env line 2: expected NAME=value, e.g. MICROFLASK_SECRET_KEY=..., got 'just words'",
                dotenv.getMessage());

        IllegalStateException missing = assertThrows(IllegalStateException.class,
                () -> load(Map.of()).string("DATABASE_URL"));
        assertTrue(missing.getMessage().startsWith("configuration key DATABASE_URL is not set. Set it in "
                + "instance/microflask.properties (DATABASE_URL=...) or as the environment variable "
                + "MICROFLASK_DATABASE_URL; searched: classpath:microflask.properties, "), missing.getMessage());
    }

    @Test
    void typedGettersReadTheirForms() {
        Config config = new Config().set("pool", "8").set("big", "2KiB").set("on", "yes").set("wait", "250ms")
                .set("hosts", "a, b,,c");

        assertEquals(8, config.integer("POOL", 1));
        assertEquals(2048, config.size("big", 0));
        assertTrue(config.flag("on", false));
        assertEquals(Duration.ofMillis(250), config.duration("wait", Duration.ZERO));
        assertEquals(List.of("a", "b", "c"), config.list("hosts"));
        assertEquals(3, config.integer("absent", 3));
    }
}
