package io.microflask.server;

import io.microflask.AccessLogFormat;
import io.microflask.Response;
import io.microflask.util.JsonString;
import io.microflask.util.LogSafe;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * The access log: one line per answered request on the logger {@code io.microflask.access}, in the
 * format {@code Settings.accessLog()} names (debug mode writes {@link AccessLogFormat#COMMON} when
 * it names none). Everything from the request is escaped ({@link LogSafe}; quotes and backslashes
 * inside quoted fields too), so a line can never be split or a field forged.
 */
final class AccessLog {
    private static final Logger access = LoggerFactory.getLogger("io.microflask.access");
    private static final DateTimeFormatter CLF_TIME = DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z",
            Locale.ROOT);

    /** What one line says about a request and its answer. */
    record Entry(FullHttpRequest message, IncomingRequest request, SocketAddress peer, Response response,
                 long bytes, long startedNanos, String requestId, String route) {
    }

    private AccessLog() {
    }

    /**
     * Whether {@link #log} would write a line for these settings now: when it would not, the caller
     * need not time the request or build its entry.
     */
    static boolean writes(AccessLogFormat configured, boolean debug) {
        if (configured == AccessLogFormat.OFF && !debug) {
            return access.isDebugEnabled();
        }
        return access.isInfoEnabled();
    }

    /** Logs {@code entry} if the access log is on; {@code bytes} below zero means unknown (a streamed body). */
    static void log(AccessLogFormat configured, boolean debug, Entry entry) {
        if (!writes(configured, debug)) {
            return;
        }
        // Off: debug mode still shows the common format at INFO; otherwise only a logger set to DEBUG sees it.
        boolean atDebug = configured == AccessLogFormat.OFF && !debug;
        AccessLogFormat format = configured == AccessLogFormat.OFF ? AccessLogFormat.COMMON : configured;
        String line = format(format, entry, ZonedDateTime.now(ZoneOffset.UTC));
        MDC.put("requestId", entry.requestId());
        try {
            if (atDebug) {
                access.debug(line);
            } else {
                access.info(line);
            }
        } finally {
            MDC.remove("requestId");
        }
    }

    /** The line for {@code entry} at {@code time}. */
    static String format(AccessLogFormat format, Entry entry, ZonedDateTime time) {
        FullHttpRequest message = entry.message();
        String remote = remote(entry);
        long millis = Math.max(0, (System.nanoTime() - entry.startedNanos()) / 1_000_000);
        String referer = message.headers().get(HttpHeaderNames.REFERER);
        String agent = message.headers().get(HttpHeaderNames.USER_AGENT);
        if (format == AccessLogFormat.JSON) {
            StringBuilder json = new StringBuilder(256).append('{');
            field(json, "time", time.format(DateTimeFormatter.ISO_OFFSET_DATE_TIME)).append(',');
            field(json, "remote", remote).append(',');
            field(json, "method", message.method().name()).append(',');
            field(json, "uri", message.uri()).append(',');
            field(json, "protocol", message.protocolVersion().text()).append(',');
            json.append("\"status\":").append(entry.response().status()).append(',');
            json.append("\"bytes\":").append(entry.bytes() < 0 ? "null" : Long.toString(entry.bytes())).append(',');
            json.append("\"durationMs\":").append(millis).append(',');
            field(json, "requestId", entry.requestId()).append(',');
            field(json, "route", entry.route()).append(',');
            field(json, "referer", referer).append(',');
            field(json, "userAgent", agent);
            return json.append('}').toString();
        }
        StringBuilder line = new StringBuilder(200);
        line.append(LogSafe.text(remote)).append(" - - [").append(time.format(CLF_TIME)).append("] ");
        quoted(line, message.method().name() + " " + message.uri() + " " + message.protocolVersion().text());
        line.append(' ').append(entry.response().status()).append(' ')
                .append(entry.bytes() <= 0 ? "-" : Long.toString(entry.bytes()));
        if (format == AccessLogFormat.COMBINED) {
            line.append(' ');
            quoted(line, referer == null ? "-" : referer);
            line.append(' ');
            quoted(line, agent == null ? "-" : agent);
        }
        line.append(" id=").append(entry.requestId())
                .append(" route=").append(entry.route() == null ? "-" : LogSafe.text(entry.route()))
                .append(' ').append(millis).append("ms");
        return line.toString();
    }

    private static String remote(Entry entry) {
        InetSocketAddress address = entry.request() != null ? entry.request().remoteAddress() : null;
        if (address == null && entry.peer() instanceof InetSocketAddress peer) {
            address = peer;
        }
        if (address == null || address.getAddress() == null) {
            return "-";
        }
        return address.getAddress().getHostAddress();
    }

    private static StringBuilder field(StringBuilder json, String name, String value) {
        json.append('"').append(name).append("\":");
        if (value == null) {
            return json.append("null");
        }
        JsonString.appendQuoted(json, LogSafe.text(value));
        return json;
    }

    /**
     * Apache's quoting: {@code "} and {@code \} escaped with a backslash first, then controls as
     * {@link LogSafe} writes them, so that an escape in the line always means one thing.
     */
    private static void quoted(StringBuilder line, String value) {
        String escaped = value.replace("\\", "\\\\").replace("\"", "\\\"");
        line.append('"').append(LogSafe.text(escaped)).append('"');
    }
}
