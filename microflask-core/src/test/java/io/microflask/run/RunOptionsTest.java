package io.microflask.run;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RunOptionsTest {
    private static final String[] NO_ARGS = {};

    @Test
    void withoutOverridesTheCodeDecides() {
        RunOptions options = RunOptions.resolve(NO_ARGS, Environment.of(Map.of()), "127.0.0.1", 5000, true);
        assertEquals(RunOptions.of("127.0.0.1", 5000, true), options);
        assertTrue(options.overrides().isEmpty());
    }

    @Test
    void environmentOverridesTheCode() {
        RunOptions options = RunOptions.resolve(NO_ARGS,
                Environment.of(Map.of("MICROFLASK_HOST", "0.0.0.0", "MICROFLASK_PORT", "8080", "MICROFLASK_DEBUG", "1")),
                "127.0.0.1", 5000, false);
        assertEquals("0.0.0.0", options.host());
        assertEquals(8080, options.port());
        assertTrue(options.debug());
        assertEquals(List.of("host 0.0.0.0 from MICROFLASK_HOST", "port 8080 from MICROFLASK_PORT",
                "debug on from MICROFLASK_DEBUG"), options.overrides());
    }

    @Test
    void commandLineOverridesTheEnvironmentAndTheCode() {
        RunOptions options = RunOptions.resolve(new String[] {"--host", "192.168.1.5", "--port=9090", "--no-debug"},
                Environment.of(Map.of("MICROFLASK_HOST", "0.0.0.0", "MICROFLASK_PORT", "8080", "MICROFLASK_DEBUG", "true")),
                "127.0.0.1", 5000, true);
        assertEquals("192.168.1.5", options.host());
        assertEquals(9090, options.port());
        assertFalse(options.debug());
        assertTrue(options.overrides().contains("port 9090 from --port"), options.overrides().toString());
    }

    @Test
    void eachSourceOverridesOnlyWhatItNames() {
        RunOptions options = RunOptions.resolve(new String[] {"--debug"}, Environment.of(Map.of("MICROFLASK_PORT", "8080")),
                "127.0.0.1", 5000, false);
        assertEquals("127.0.0.1", options.host());
        assertEquals(8080, options.port());
        assertTrue(options.debug());
    }

    @Test
    void theAppsOwnArgumentsAndBlankVariablesAreLeftAlone() {
        RunOptions options = RunOptions.resolve(new String[] {"--verbose", "data.csv", "--port", "7000"},
                Environment.of(Map.of("MICROFLASK_HOST", "  ", "MICROFLASK_DEBUG", "")), "127.0.0.1", 5000, false);
        assertEquals(RunOptions.resolve(new String[] {"--port", "7000"}, Environment.of(Map.of()), "127.0.0.1", 5000, false),
                options);
    }

    @Test
    void debugFlagsAcceptTheUsualSpellings() {
        for (String on : List.of("1", "true", "YES", "on")) {
            assertTrue(RunOptions.resolve(NO_ARGS, Environment.of(Map.of("MICROFLASK_DEBUG", on)), "h", 1, false).debug(), on);
        }
        for (String off : List.of("0", "false", "No", "off")) {
            assertFalse(RunOptions.resolve(NO_ARGS, Environment.of(Map.of("MICROFLASK_DEBUG", off)), "h", 1, true).debug(), off);
        }
    }

    @Test
    void badValuesNameTheirSource() {
        assertMessage("MICROFLASK_PORT=abc is not a valid port", NO_ARGS, Map.of("MICROFLASK_PORT", "abc"));
        assertMessage("MICROFLASK_PORT=65536 is not a valid port: give a whole number within 0-65535", NO_ARGS,
                Map.of("MICROFLASK_PORT", "65536"));
        assertMessage("--port 70000 is not a valid port", new String[] {"--port", "70000"}, Map.of());
        assertMessage("--port -1 is not a valid port", new String[] {"--port=-1"}, Map.of());
        assertMessage("--port needs a value, e.g. --port 8080", new String[] {"--port"}, Map.of());
        assertMessage("--host needs a value", new String[] {"--host", "--debug"}, Map.of());
        assertMessage("MICROFLASK_DEBUG=maybe is not a valid debug flag", NO_ARGS, Map.of("MICROFLASK_DEBUG", "maybe"));
        assertMessage("--debug=yes takes no value", new String[] {"--debug=yes"}, Map.of());
    }

    @Test
    void theCodesOwnValuesAreValidatedToo() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> RunOptions.resolve(new String[] {"--port", "8080"}, Environment.of(Map.of()), "127.0.0.1", 99999, false));
        assertTrue(e.getMessage().contains("port 99999 is outside the valid range 0-65535"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> RunOptions.of(" ", 5000, false));
    }

    private static void assertMessage(String expected, String[] args, Map<String, String> env) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> RunOptions.resolve(args, Environment.of(env), "127.0.0.1", 5000, false));
        assertTrue(e.getMessage().contains(expected), () -> "expected '" + expected + "' in: " + e.getMessage());
    }

    @Test
    void certAndKeyFromTheCommandLineWinOverTheEnvironment() {
        RunOptions fromEnvironment = RunOptions.resolve(NO_ARGS,
                Environment.of(Map.of("MICROFLASK_CERT", "env-cert.pem", "MICROFLASK_KEY", "env-key.pem")),
                "127.0.0.1", 5000, false);
        assertEquals("env-cert.pem", fromEnvironment.cert());
        assertEquals("env-key.pem", fromEnvironment.key());
        RunOptions adhoc = RunOptions.resolve(new String[] {"--cert", "adhoc"},
                Environment.of(Map.of("MICROFLASK_CERT", "env-cert.pem", "MICROFLASK_KEY", "env-key.pem")),
                "127.0.0.1", 5000, false);
        assertEquals("adhoc", adhoc.cert());
        assertEquals(null, adhoc.key());
        io.microflask.Settings settings = new io.microflask.Settings();
        adhoc.applyTlsTo(settings);
        assertTrue(settings.adhocCertificate());
        RunOptions files = RunOptions.resolve(new String[] {"--cert=c.pem", "--key", "k.pem"}, Environment.of(Map.of()),
                "127.0.0.1", 5000, false);
        files.applyTlsTo(settings);
        assertEquals(java.nio.file.Path.of("c.pem"), settings.certificateFile().orElseThrow());
        assertEquals(java.nio.file.Path.of("k.pem"), settings.keyFile().orElseThrow());
        assertFalse(settings.adhocCertificate());
    }

    @Test
    void aCertWithoutItsKeyIsRefusedWithTheFix() {
        IllegalArgumentException noKey = assertThrows(IllegalArgumentException.class, () -> RunOptions.resolve(
                new String[] {"--cert", "c.pem"}, Environment.of(Map.of()), "127.0.0.1", 5000, false));
        assertTrue(noKey.getMessage().contains("--key FILE"), noKey.getMessage());
        IllegalArgumentException keyForAdhoc = assertThrows(IllegalArgumentException.class, () -> RunOptions.resolve(
                new String[] {"--cert", "adhoc", "--key", "k.pem"}, Environment.of(Map.of()), "127.0.0.1", 5000, false));
        assertTrue(keyForAdhoc.getMessage().contains("drop --key"), keyForAdhoc.getMessage());
    }
}
