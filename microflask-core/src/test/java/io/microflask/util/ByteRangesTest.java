package io.microflask.util;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

class ByteRangesTest {
    private static List<ByteRanges.Range> ranges(String header, long size) {
        return assertInstanceOf(ByteRanges.Ranges.class, ByteRanges.parse(header, size)).ranges();
    }

    @Test
    void malformedOrUnknownUnitsAreIgnored() {
        assertInstanceOf(ByteRanges.Ignore.class, ByteRanges.parse("bytes=5-2", 10));
        assertInstanceOf(ByteRanges.Ignore.class, ByteRanges.parse("bytes=a-b", 10));
        assertInstanceOf(ByteRanges.Ignore.class, ByteRanges.parse("bytes=-", 10));
        assertInstanceOf(ByteRanges.Ignore.class, ByteRanges.parse("lines=1-2", 10));
        assertInstanceOf(ByteRanges.Ignore.class, ByteRanges.parse("bytes=0-1,x", 10));
    }

    @Test
    void rangesOutsideTheBodyAreUnsatisfiable() {
        assertInstanceOf(ByteRanges.Unsatisfiable.class, ByteRanges.parse("bytes=-0", 10));
        assertInstanceOf(ByteRanges.Unsatisfiable.class, ByteRanges.parse("bytes=0-0", 0));
        assertInstanceOf(ByteRanges.Unsatisfiable.class, ByteRanges.parse("bytes=10-20, 30-", 10));
    }

    @Test
    void suffixesOpenEndsAndSeveralRangesResolve() {
        assertEquals(List.of(new ByteRanges.Range(0, 9)), ranges("bytes=-50", 10));
        assertEquals(List.of(new ByteRanges.Range(7, 9)), ranges("bytes=7-", 10));
        assertEquals(List.of(new ByteRanges.Range(7, 9)), ranges("Bytes=7-1000", 10));
        // An unsatisfiable range among satisfiable ones is dropped (RFC 9110 14.1.1).
        assertEquals(List.of(new ByteRanges.Range(5, 6), new ByteRanges.Range(0, 1)),
                ranges("bytes=5-6, 0-1, 50-60", 10));
    }

    @Test
    void overlappingOrTooManyRangesAreIgnoredSoAnAnswerNeverOutgrowsItsBody() {
        assertInstanceOf(ByteRanges.Ignore.class, ByteRanges.parse("bytes=0-5,3-8", 10));
        assertInstanceOf(ByteRanges.Ignore.class, ByteRanges.parse("bytes=0-,0-", 10));
        StringBuilder many = new StringBuilder("bytes=0-0");
        for (int i = 1; i <= ByteRanges.MAX_RANGES; i++) {
            many.append(',').append(i * 2).append('-').append(i * 2);
        }
        assertInstanceOf(ByteRanges.Ignore.class, ByteRanges.parse(many.toString(), 1000));
    }
}
