package io.microflask;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * An {@link EventStream} over an {@link OpenStream}. Each event is one write (one chunk), so events
 * sent from several threads never interleave; heartbeats are timed on the connection's event loop
 * ({@link OpenStream#timers()}) and skipped when something else was sent in the meantime.
 */
final class ServerEventStream implements EventStream {
    private final OpenStream out;
    private final String lastEventId;
    private volatile long lastSentNanos = System.nanoTime();
    private ScheduledFuture<?> heartbeat;

    ServerEventStream(OpenStream out, String lastEventId) {
        this.out = out;
        this.lastEventId = lastEventId;
        out.onClose(() -> heartbeat(Duration.ZERO));
    }

    @Override
    public String lastEventId() {
        return lastEventId;
    }

    @Override
    public boolean send(String data) {
        return send(null, null, data);
    }

    @Override
    public boolean send(String event, String data) {
        return send(event, null, data);
    }

    @Override
    public boolean send(String event, String id, String data) {
        StringBuilder text = new StringBuilder();
        if (event != null) {
            text.append("event: ").append(singleLine("event name", event)).append('\n');
        }
        if (id != null) {
            if (id.indexOf('\0') >= 0) {
                throw new IllegalArgumentException("an event id may not hold NUL (browsers ignore such an id)");
            }
            text.append("id: ").append(singleLine("event id", id)).append('\n');
        }
        for (String line : (data == null ? "" : data).split("\r\n|\r|\n", -1)) {
            text.append("data: ").append(line).append('\n');
        }
        return write(text.append('\n').toString());
    }

    @Override
    public boolean retry(Duration delay) {
        if (delay == null || delay.isNegative()) {
            throw new IllegalArgumentException("retry: give a delay of zero or more, e.g. Duration.ofSeconds(2)");
        }
        return write("retry: " + delay.toMillis() + "\n\n");
    }

    @Override
    public boolean comment(String text) {
        return write(": " + singleLine("comment", text == null ? "" : text) + "\n\n");
    }

    private static String singleLine(String what, String value) {
        if (value.indexOf('\n') >= 0 || value.indexOf('\r') >= 0) {
            throw new IllegalArgumentException("an SSE " + what + " may not hold a line break: " + value.strip());
        }
        return value;
    }

    private boolean write(String text) {
        if (!out.isOpen()) {
            out.close();
            return false;
        }
        try {
            out.write(text);
            lastSentNanos = System.nanoTime();
            return true;
        } catch (IOException gone) {
            out.close();
            return false;
        }
    }

    @Override
    public synchronized void heartbeat(Duration interval) {
        if (heartbeat != null) {
            heartbeat.cancel(false);
            heartbeat = null;
        }
        if (interval.isZero() || interval.isNegative() || !out.isOpen()) {
            return;
        }
        long nanos = interval.toNanos();
        heartbeat = out.timers().scheduleAtFixedRate(() -> {
            if (System.nanoTime() - lastSentNanos >= nanos - nanos / 10) {
                // On the event loop, where a write never waits: a client that stops reading is
                // closed by the write timeout instead.
                write(": heartbeat\n\n");
            }
        }, nanos, nanos, TimeUnit.NANOSECONDS);
    }

    @Override
    public boolean isOpen() {
        return out.isOpen();
    }

    @Override
    public void close() {
        out.close();
    }

    @Override
    public void onClose(Runnable action) {
        out.onClose(action);
    }
}
