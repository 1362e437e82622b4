package io.microflask.run;

import io.microflask.ServerStartException;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code --help}, a bad option and a start failure on {@code run}'s command line. */
class RunCommandLineTest {

    @Test
    void helpListsEveryOptionAndVariable() {
        String help = RunHelp.text();
        for (String expected : new String[] {"--host H", "--port N", "--debug", "--no-debug", "--help",
                "MICROFLASK_HOST", "MICROFLASK_PORT", "MICROFLASK_DEBUG", "MICROFLASK_SECRET_KEY",
                "MICROFLASK_TRUSTED_PROXIES", "MICROFLASK_TRUSTED_HOSTS"}) {
            assertTrue(help.contains(expected), expected + " missing from:\n" + help);
        }
        for (String line : help.split("\n")) {
            assertTrue(line.length() <= 100, "too wide for a terminal: " + line);
        }
    }

    @Test
    void helpIsAskedByEitherSpelling() {
        assertTrue(RunHelp.requested(new String[] {"--port", "8080", "--help"}));
        assertTrue(RunHelp.requested(new String[] {"-h"}));
        assertFalse(RunHelp.requested(new String[] {"--port", "8080"}));
        assertFalse(RunHelp.requested(null));
    }

    @Test
    void aStartFailureIsItsMessageAndStatusOne() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int status = RunFailures.startFailed(new ServerStartException("127.0.0.1", 5000,
                "Cannot start: 127.0.0.1:5000 is already in use.", new java.net.BindException("in use")),
                new PrintStream(bytes, true, StandardCharsets.UTF_8));
        assertEquals(1, status);
        assertEquals("Cannot start: 127.0.0.1:5000 is already in use." + System.lineSeparator(),
                bytes.toString(StandardCharsets.UTF_8));
    }

    @Test
    void helpOnTheCommandLinePrintsAndStartsNothing() throws Exception {
        try (ChildJvm app = ChildJvm.start(UncaughtMain.class, Map.of(), "--help")) {
            assertEquals(0, app.awaitExit(), app.stderr());
            assertTrue(app.stdout().contains("--port N"), app.stdout());
            assertTrue(app.stdout().contains("MICROFLASK_SECRET_KEY"), app.stdout());
            assertFalse(app.stdout().contains("Running on"), "nothing started: " + app.stdout());
        }
    }

    @Test
    void aBadOptionExitsTwoNamingItAndPointingToHelp() throws Exception {
        try (ChildJvm app = ChildJvm.start(UncaughtMain.class, Map.of(), "--port", "eighty")) {
            assertEquals(2, app.awaitExit(), app.stdout());
            String err = app.stderr();
            assertTrue(err.contains("Error: --port eighty is not a valid port"), err);
            assertTrue(err.contains("--help"), err);
            assertFalse(err.contains("\tat "), "no stack trace: " + err);
            assertFalse(err.contains("Exception in thread"), err);
        }
    }
}
