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
}
