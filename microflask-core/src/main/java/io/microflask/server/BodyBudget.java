package io.microflask.server;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The request body bytes the server holds in memory, across connections, against
 * {@code settings().maxBufferedBodyBytes()}: many clients that each send a large body (and then
 * trickle, or never finish) cannot take the heap. Each connection keeps an {@link Account}; what it
 * holds is given back when its requests are released, and all of it when the connection closes.
 */
final class BodyBudget {
    /** Bodies up to this size are always read, so small requests are served while the budget is spent. */
    static final long SMALL_BODY = 64 * 1024;

    private final long max;
    private final AtomicLong held = new AtomicLong();

    BodyBudget(long max) {
        this.max = max;
    }

    /** Bytes held now, across connections. */
    long held() {
        return held.get();
    }

    /** One connection's share. Used on its event loop only. */
    final class Account {
        private long holding;
        private long currentRequest;

        /**
         * Counts {@code bytes} more of the request being received; {@code false} when the request
         * is past {@link #SMALL_BODY} and the budget is spent (nothing is counted then).
         */
        boolean add(long bytes) {
            currentRequest += bytes;
            if (currentRequest > SMALL_BODY && held.get() + bytes > max) {
                return false;
            }
            holding += bytes;
            held.addAndGet(bytes);
            return true;
        }

        /** The request being received is complete or given up; the next one starts at zero. */
        void requestEnded() {
            currentRequest = 0;
        }

        /** A request of {@code bytes} of body was released. */
        void release(long bytes) {
            long given = Math.min(bytes, holding);
            holding -= given;
            held.addAndGet(-given);
        }

        /** The connection closed: give back everything it held. */
        void releaseAll() {
            held.addAndGet(-holding);
            holding = 0;
            currentRequest = 0;
        }
    }
}
