package io.microflask.run;

import org.junit.jupiter.api.Test;
import org.slf4j.helpers.NOPLoggerFactory;

import java.util.Arrays;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The banner reaches the console with and without an SLF4J binding, and only once. */
class ConsoleWithoutBindingTest {
    private static final String HINT = "no SLF4J binding is on the classpath";

    @Test
    void withoutABindingTheBannerIsPrintedPlainlyAfterOneHint() throws Exception {
        try (ChildJvm app = ChildJvm.startWithout("logback", SampleMain.class, Map.of())) {
            String running = app.awaitLine("Running on http://127.0.0.1:");
            assertTrue(running.startsWith(" * Running on http://127.0.0.1:"), "printed plainly: " + running);
            app.awaitLine("Press Ctrl+C to stop");
            app.awaitStderr(HINT);
            assertTrue(app.stdout().lines().anyMatch(line -> line.startsWith("microflask ")
                    && line.contains("production mode")), app.stdout());
            assertEquals(1, count(app.stderr(), HINT), app.stderr());
            assertTrue(app.stderr().contains("logback-classic"), "names a binding to add: " + app.stderr());
            assertEquals(1, count(app.stdout(), "Running on"), app.stdout());
        }
    }

    @Test
    void withABindingTheBannerIsLoggedOnceAndNotPrintedAgain() throws Exception {
        try (ChildJvm app = ChildJvm.start(SampleMain.class, Map.of())) {
            String running = app.awaitLine("Running on http://127.0.0.1:");
            assertTrue(running.contains("INFO"), "through logback's pattern: " + running);
            app.awaitLine("Press Ctrl+C to stop");
            assertEquals(1, count(app.stdout() + "\n" + app.stderr(), "Running on"), app.stdout());
            assertFalse(app.stderr().contains(HINT), app.stderr());
        }
    }

    @Test
    void slf4jsNoOperationFallbackIsNoBinding() {
        assertTrue(ConsoleLog.isNoBinding(new NOPLoggerFactory()));
        assertFalse(ConsoleLog.hasNoBinding(), "this JVM has logback");
    }

    private static long count(String text, String part) {
        return Arrays.stream(text.split("\n")).filter(line -> line.contains(part)).count();
    }
}
