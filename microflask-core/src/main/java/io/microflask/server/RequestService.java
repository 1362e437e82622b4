package io.microflask.server;

import io.microflask.Response;
import io.microflask.Settings;
import io.microflask.spi.ServerStats;

import java.util.List;

/**
 * What the server is given to answer requests: the only way it reaches the application. The
 * server parses, limits, queues and writes; the service decides every answer.
 */
public interface RequestService {

    /** The settings the server applies (limits, timeouts, threads, proxies). */
    Settings settings();

    /** Whether the app runs in debug mode (access lines are logged at info level then). */
    boolean debug();

    /**
     * Routes a well-formed request, on the event loop (framework code only: no handler or hook
     * runs here). Never throws.
     */
    Exchange route(IncomingRequest request);

    /**
     * The body limit of the route a request goes to, when that route sets one of its own
     * ({@code @Route(maxBodySize = ...)}), else -1 for {@code settings().maxBodySize()}. Asked on the
     * event loop when a request's head arrives, before its body; {@code segments} are its decoded
     * path segments. Framework code only; never throws.
     */
    default long routeBodyLimit(String method, List<String> segments) {
        return -1;
    }

    /**
     * The answer when the server refuses a request itself (malformed, too large, too many
     * connections, busy): the app's error page for {@code status} with {@code message}.
     * {@code request} is {@code null} when its target could not be parsed. Never throws.
     */
    Response reject(int status, String message, IncomingRequest request);

    /**
     * The server begins its drain ({@code Settings.drainPeriod()}): it still accepts and answers,
     * but readiness must now say it is not ready.
     */
    void draining();

    /**
     * The WebSocket endpoint for a well-formed handshake request, on the event loop (framework
     * code only), or {@code null} when no endpoint's path matches it: it is then routed as any
     * request. A new endpoint object per connection. Never throws.
     */
    default WebSocketEndpoint webSocket(IncomingRequest request) {
        return null;
    }

    /** The server begins to stop: no new connections; in-flight requests are still answered. */
    void stopping();

    /**
     * The server answered a request ({@code routePattern} {@code null} when no route matched);
     * on the event loop, so it must be quick.
     */
    void answered(String method, String routePattern, int status, long durationNanos);

    /**
     * Whether {@link #answered} does anything (a metrics extension listens): when it does not, and
     * no access log is written, a request is not timed at all.
     */
    default boolean observesAnswers() {
        return true;
    }

    /** The server refused a connection (over a connection cap). */
    void connectionRejected();

    /** A server started; {@code stats} are its live counts. */
    void serverStarted(ServerStats stats);
}
