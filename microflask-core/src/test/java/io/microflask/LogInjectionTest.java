package io.microflask;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import io.microflask.testsupport.LogCapture;
import io.microflask.testsupport.RunningApp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Request data cannot forge a log line: a path that decodes to CR LF is logged with the control
 * characters escaped, over a real socket, in the ERROR line of a failing handler and in the access
 * log of debug mode.
 */
class LogInjectionTest {
    public static class Failing {
        @Route("/items/<name>")
        public String item(String name) {
            throw new IllegalStateException("the item could not be loaded");
        }

        @Route("/echo/<name>")
        public String echo(String name) {
            // A handler that puts request data into an exception message, as many do.
            throw new IllegalArgumentException("no such item: " + name,
                    new java.io.UncheckedIOException(new java.io.IOException("reading " + name)));
        }
    }

    @RegisterExtension
    static final RunningApp server = RunningApp.debug(() -> new App().register(new Failing()));

    @Test
    void aDecodedCrLfInThePathStaysOnOneEscapedLine() throws IOException {
        List<ILoggingEvent> events = eventsOfA500("/items/x%0d%0a12:00:00.000%20ERROR%20forged%09%00%7f%c2%85");
        List<ILoggingEvent> errors = theOneError(events);
        String line = errors.get(0).getFormattedMessage();
        assertTrue(line.startsWith("GET /items/x\\r\\n12:00:00.000 ERROR forged\\t\\u0000\\u007f\\u0085 failed: "),
                line);
        for (ILoggingEvent event : events) {
            String message = event.getFormattedMessage();
            assertFalse(message.chars().anyMatch(c -> c < 0x20 || c == 0x7f || c == 0x85), message);
        }
    }

    @Test
    void requestDataInAnExceptionMessageIsEscapedInTheLoggedStackTrace() throws IOException {
        List<ILoggingEvent> errors = theOneError(eventsOfA500("/echo/x%0d%0a12:00:00.000%20ERROR%20forged"));
        IThrowableProxy thrown = errors.get(0).getThrowableProxy();
        assertTrue(thrown != null, "the failure is logged with its stack trace");
        assertEquals("java.lang.IllegalArgumentException: no such item: x\\r\\n12:00:00.000 ERROR forged",
                thrown.getMessage());
        assertTrue(thrown.getStackTraceElementProxyArray().length > 0, "the original stack trace is kept");
        IThrowableProxy cause = thrown.getCause();
        assertTrue(cause != null && cause.getMessage().contains("java.io.IOException: reading x\\r\\n12:00"),
                String.valueOf(cause == null ? null : cause.getMessage()));
        for (IThrowableProxy t = thrown; t != null; t = t.getCause()) {
            String text = t.getMessage();
            assertFalse(text.chars().anyMatch(c -> c < 0x20 || c == 0x7f), text);
        }
    }

    /** What the app logged while it answered {@code GET target} over a socket, which must be a 500. */
    private static List<ILoggingEvent> eventsOfA500(String target) throws IOException {
        try (LogCapture log = LogCapture.of("io.microflask"); RawHttp http = new RawHttp(server.port())) {
            String answer = http.send("GET " + target + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
                    .readUntilClosed();
            assertTrue(answer.startsWith("HTTP/1.1 500 "), answer);
            return log.events();
        }
    }

    private static List<ILoggingEvent> theOneError(List<ILoggingEvent> events) {
        List<ILoggingEvent> errors = events.stream().filter(e -> e.getLevel() == Level.ERROR).toList();
        assertEquals(1, errors.size(), events.toString());
        return errors;
    }
}
