package io.microflask.util;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** HTTP dates are written as IMF-fixdate and read back, one-digit days included. */
class HttpDatesTest {

    @Test
    void aDayBeforeTheTenthIsWrittenWithTwoDigits() {
        long millis = java.time.Instant.parse("2026-12-03T09:05:07.900Z").toEpochMilli();
        assertEquals("Thu, 03 Dec 2026 09:05:07 GMT", HttpDates.format(millis));
        assertEquals(millis / 1000, HttpDates.parseSeconds(HttpDates.format(millis)));
    }

    @Test
    void readsOneDigitDaysAndRefusesOtherText() {
        assertEquals(java.time.Instant.parse("2026-12-03T09:05:07Z").getEpochSecond(),
                HttpDates.parseSeconds("Thu, 3 Dec 2026 09:05:07 GMT"));
        assertEquals(-1, HttpDates.parseSeconds("yesterday"));
        assertEquals(-1, HttpDates.parseSeconds(null));
    }
}
