package io.microflask.server;

import io.microflask.util.HttpDates;
import io.netty.util.AsciiString;

/**
 * The {@code Date} header's value (RFC 9110 6.6.1: a server with a clock sends it on every answer),
 * formatted once a second rather than once per answer: formatting a date costs more than the rest
 * of a small answer's headers together.
 */
final class DateHeader {
    private static volatile Stamp current = new Stamp(Long.MIN_VALUE, AsciiString.EMPTY_STRING);

    /** A second and its text, as an {@link AsciiString}: Netty's encoder copies that as bytes. */
    private record Stamp(long second, AsciiString text) {
    }

    private DateHeader() {
    }

    /** The current time as an IMF-fixdate, e.g. {@code Thu, 03 Dec 2026 12:01:27 GMT}. */
    static AsciiString now() {
        return stampAt(System.currentTimeMillis()).text();
    }

    /** {@code epochMillis} as an IMF-fixdate, from the cache when it falls in the second last formatted. */
    static String at(long epochMillis) {
        return stampAt(epochMillis).text().toString();
    }

    private static Stamp stampAt(long epochMillis) {
        long second = Math.floorDiv(epochMillis, 1000);
        Stamp stamp = current;
        if (stamp.second() != second) {
            // Racing threads may both format the same second; either result is right.
            stamp = new Stamp(second, new AsciiString(HttpDates.format(epochMillis)));
            current = stamp;
        }
        return stamp;
    }
}
