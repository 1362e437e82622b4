package io.microflask;

import java.time.Duration;

/**
 * A server-sent event stream ({@code text/event-stream}), as {@link Response#events} opens it:
 * events with a name, an id and data, a reconnection delay, comments; sent from any thread while
 * it waits for events holding no thread. While nothing is sent it sends a heartbeat comment every
 * {@link Settings#eventStreamHeartbeat()}, which keeps proxies from timing it out and finds
 * clients that went away. It ends when closed, when the client goes away, and at shutdown.
 *
 * <pre>{@code
 * @Route("/prices")
 * public Response prices(Request request) {
 *     return Response.events(request, events -> {
 *         events.retry(Duration.ofSeconds(2));
 *         for (Price missed : prices.after(events.lastEventId())) {   // null on the first connect
 *             events.send("price", missed.id(), missed.json());
 *         }
 *         subscribers.add(events);                 // sent to later: events.send("price", id, json)
 *         events.onClose(() -> subscribers.remove(events));
 *     });
 * }
 * }</pre>
 *
 * <p>A send waits while the client reads more slowly than events come, up to
 * {@link Settings#writeTimeout()}, so that memory stays bounded; then the stream is closed.
 */
public interface EventStream {

    /**
     * The {@code Last-Event-ID} the browser sent when it reconnected: the id of the last event it
     * received, so that the stream can resume after it; {@code null} on a first connection.
     */
    String lastEventId();

    /** Sends an event with only data (the browser's {@code message} event); {@code false} once the stream has ended. */
    boolean send(String data);

    /** Sends a named event; {@code false} once the stream has ended. */
    boolean send(String event, String data);

    /**
     * Sends an event with a name ({@code null} for {@code message}), an id ({@code null} for
     * none; the browser sends the last one back as {@code Last-Event-ID} when it reconnects) and
     * data (several lines are several {@code data:} lines). Names and ids may not hold line breaks.
     * Returns {@code false} once the stream has ended.
     */
    boolean send(String event, String id, String data);

    /** Tells the browser how long to wait before reconnecting after the stream breaks. */
    boolean retry(Duration delay);

    /** Sends a comment line, which browsers ignore. */
    boolean comment(String text);

    /** Sends heartbeat comments at this interval while nothing else is sent; {@code Duration.ZERO} stops them. */
    void heartbeat(Duration interval);

    /** Whether the client is still connected and the server is not stopping. */
    boolean isOpen();

    /** Ends the stream. Idempotent. */
    void close();

    /** Runs {@code action} once when the stream ends, however it ends (at once if it has). */
    void onClose(Runnable action);
}
