package io.microflask;

/**
 * How the access log ({@link Settings#accessLog()}, logger {@code io.microflask.access}) writes
 * its one line per request. Every format carries the request id, the route pattern (never the
 * raw path in that field, so lines group by route) and the duration; request data is escaped so
 * that a line can never be split or forged.
 */
public enum AccessLogFormat {
    /** No access log (debug mode still writes {@link #COMMON} lines). */
    OFF,
    /**
     * Apache's common log format, then the request id, the route pattern and the duration in
     * milliseconds: {@code 10.0.0.7 - - [03/Dec/2026:10:15:32 +0000] "GET /notes/7 HTTP/1.1" 200 512
     * id=4f1c... route=/notes/<int:id> 3ms}.
     */
    COMMON,
    /** {@link #COMMON} with the quoted {@code Referer} and {@code User-Agent} after the size, as Apache's combined. */
    COMBINED,
    /**
     * One JSON object per line: {@code time}, {@code remote}, {@code method}, {@code uri},
     * {@code protocol}, {@code status}, {@code bytes}, {@code durationMs}, {@code requestId},
     * {@code route} ({@code null} when no route matched), {@code referer}, {@code userAgent}.
     */
    JSON
}
