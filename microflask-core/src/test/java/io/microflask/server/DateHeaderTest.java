package io.microflask.server;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class DateHeaderTest {
    @Test
    void formatsImfFixdateWithTwoDigitDaysAndChangesEachSecond() {
        long thirdOfDecember = 1_796_299_287_000L; // 2026-12-03T12:01:27Z
        assertEquals("Thu, 03 Dec 2026 12:01:27 GMT", DateHeader.at(thirdOfDecember));
        assertEquals("Thu, 03 Dec 2026 12:01:27 GMT", DateHeader.at(thirdOfDecember + 999));
        assertEquals("Thu, 03 Dec 2026 12:01:28 GMT", DateHeader.at(thirdOfDecember + 1000));
        assertEquals("Thu, 03 Dec 2026 12:01:27 GMT", DateHeader.at(thirdOfDecember), "an older second is formatted again");
    }
}
