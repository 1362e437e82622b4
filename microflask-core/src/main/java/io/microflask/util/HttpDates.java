package io.microflask.util;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/** HTTP dates (RFC 9110 5.6.7, IMF-fixdate), as {@code Last-Modified} and {@code If-Modified-Since} carry them. */
public final class HttpDates {
    /** Reads every RFC 1123 date, one-digit days included, as a recipient should. */
    private static final DateTimeFormatter PARSE = DateTimeFormatter.RFC_1123_DATE_TIME;
    /** Writes IMF-fixdate: two-digit days, always GMT (RFC_1123_DATE_TIME would write "3 Dec"). */
    private static final DateTimeFormatter FIXDATE =
            DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US);

    private HttpDates() {
    }

    /** The date of {@code epochMillis}, to the second, e.g. {@code Tue, 03 Jun 2025 10:15:30 GMT}. */
    public static String format(long epochMillis) {
        return FIXDATE.format(ZonedDateTime.ofInstant(Instant.ofEpochSecond(Math.floorDiv(epochMillis, 1000)),
                ZoneOffset.UTC));
    }

    /** The seconds since the epoch of an HTTP date, or -1 when {@code text} is not one. */
    public static long parseSeconds(String text) {
        if (text == null) {
            return -1;
        }
        try {
            return ZonedDateTime.parse(text.trim(), PARSE).toEpochSecond();
        } catch (DateTimeParseException e) {
            return -1;
        }
    }
}
