package io.microflask.server;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The request body bytes the server holds, in memory or spooled to disk by {@link BodyReceiver},
 * across connections, against {@code settings().maxBufferedBodyBytes()}: many clients that each
 * send a large body (and then trickle, or never finish) can take neither the heap nor the disk. A
 * request to a route with a larger limit of its own ({@code @Route(maxBodySize = ...)}) may take
 * the budget up to that limit. Each connection keeps an {@link Account}; what it holds is given
 * back when its requests are released, and all of it when the connection closes.
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
        private long allowance;

        /**
         * The request being received may bring the held total up to {@code bytes}, if that is more
         * than the budget: it goes to a route whose own limit is that large.
         */
        void allow(long bytes) {
            allowance = bytes;
        }

        /**
         * Counts {@code bytes} more of the request being received; {@code false} when the request
         * is past {@link #SMALL_BODY} and the budget is spent (nothing is counted then).
         */
        boolean add(long bytes) {
            currentRequest += bytes;
            if (currentRequest > SMALL_BODY && held.get() + bytes > Math.max(max, allowance)) {
                return false;
            }
            holding += bytes;
            held.addAndGet(bytes);
            return true;
        }

        /** The request being received is complete or given up; the next one starts at zero. */
        void requestEnded() {
            currentRequest = 0;
            allowance = 0;
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
            allowance = 0;
        }
    }
}
