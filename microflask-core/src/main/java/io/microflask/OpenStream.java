package io.microflask;

/**
 * A streamed answer that stays open after the code that opened it returns, written from any thread
 * until {@link #close()}: for server-sent events and other pushes that spend most of their life
 * waiting, so that no thread waits with them. Get one with {@link Response#openStream}.
 *
 * <pre>{@code
 * return Response.openStream("text/event-stream", out -> subscribers.add(out));
 * ...
 * for (OpenStream out : subscribers) out.write("data: changed\n\n");   // from any thread
 * }</pre>
 */
public interface OpenStream extends ResponseStream {

    /** Ends the answer (its last chunk); later writes fail. Idempotent. */
    void close();

    /**
     * Runs {@code action} once when the answer ends: closed, the client gone, or the server
     * stopping (then {@link #isOpen()} is false). Runs at once if it has ended already.
     */
    void onClose(Runnable action);

    /**
     * Timers on the connection's event loop, for work that waits without holding a thread (e.g.
     * heartbeats). Tasks must return quickly and never block; a write from there never waits.
     */
    java.util.concurrent.ScheduledExecutorService timers();
}
