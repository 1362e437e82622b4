package io.microflask.util;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What {@link LogSafe} escapes for log lines, and what it leaves alone. */
class LogSafeTest {

    @Test
    void escapesEveryControlCharacterAndNothingElse() {
        assertEquals("GET /a\\r\\nb\\t\\u0000\\u001b\\u007f\\u0085\\u2028 \\ é", LogSafe.text(
                "GET /a\r\nb\t\u0000\u001b\u007f\u0085\u2028 \\ é"));
        String plain = "GET /plain?x=1";
        assertTrue(plain == LogSafe.text(plain), "unchanged text is not copied");
        assertEquals("null", LogSafe.text(null));
    }

    @Test
    void aThrowableWithCleanTextIsPassedOnAsItIs() {
        IllegalStateException clean = new IllegalStateException("no control characters", new RuntimeException("none"));
        assertTrue(clean == LogSafe.throwable(clean));
        assertTrue(LogSafe.throwable(null) == null);
    }

    @Test
    void aThrowableWithUnsafeTextAnywhereIsEscapedWithItsStackCausesAndSuppressed() {
        RuntimeException cause = new RuntimeException("cause\nforged");
        IllegalStateException top = new IllegalStateException("top", cause);
        top.addSuppressed(new IllegalArgumentException("suppressed\rline"));
        Throwable safe = LogSafe.throwable(top);
        assertEquals("java.lang.IllegalStateException: top", safe.getMessage());
        assertEquals("java.lang.IllegalStateException: top", safe.toString());
        assertEquals(java.util.List.of(top.getStackTrace()), java.util.List.of(safe.getStackTrace()));
        assertEquals("java.lang.RuntimeException: cause\\nforged", safe.getCause().getMessage());
        assertEquals("java.lang.IllegalArgumentException: suppressed\\rline", safe.getSuppressed()[0].getMessage());
    }

    @Test
    void aCycleAmongCausesEnds() {
        RuntimeException first = new RuntimeException("first\n");
        RuntimeException second = new RuntimeException("second", first);
        first.initCause(second);
        Throwable safe = LogSafe.throwable(first);
        assertEquals("java.lang.RuntimeException: first\\n", safe.getMessage());
        assertEquals("java.lang.RuntimeException: second", safe.getCause().getMessage());
        assertTrue(safe.getCause().getCause() == null);
    }
}
