package io.microflask.bench.tfb.microflask;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * The {@code Date} header's value (RFC 9110 IMF-fixdate, e.g. {@code Thu, 03 Dec 2026 11:52:07 GMT}), formatted
 * once a second rather than once a request, as servers do.
 */
final class DateHeader {
    private static final DateTimeFormatter IMF_FIXDATE =
            DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US).withZone(ZoneOffset.UTC);

    private static volatile Stamp current = new Stamp(-1, "");

    private DateHeader() {
    }

    /** The current second as an HTTP date. */
    static String now() {
        long second = System.currentTimeMillis() / 1000;
        Stamp stamp = current;
        if (stamp.second != second) {
            stamp = new Stamp(second, IMF_FIXDATE.format(Instant.ofEpochSecond(second)));
            current = stamp;
        }
        return stamp.text;
    }

    private record Stamp(long second, String text) {
    }
}
