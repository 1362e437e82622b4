package io.microflask.devtools;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The version browsers compare against: it goes up after each reload (or a resource change, or a
 * failed reload to show), and pages waiting on it are woken.
 *
 * <p>Browsers listen through an event stream ({@link LiveReloadEndpoint}) that waits, holding no
 * thread, for {@link #nextChange()}.
 */
final class LiveReload {
    private volatile long version = 1;
    private volatile CompletableFuture<Long> nextChange = new CompletableFuture<>();
    private volatile boolean closed;

    long version() {
        return version;
    }

    /**
     * Completes with the next version when something changes, or with the current one when live
     * reload closes. Take it before reading {@link #version()}, so no change falls between the two.
     */
    CompletableFuture<Long> nextChange() {
        return nextChange;
    }

    /** Whether live reload has stopped (the server is stopping). */
    boolean closed() {
        return closed;
    }

    /** Tells waiting pages that something changed. */
    synchronized void changed() {
        long next = version + 1;
        version = next;
        CompletableFuture<Long> waiting = nextChange;
        nextChange = new CompletableFuture<>();
        waiting.complete(next);
    }

    /**
     * Waits until the version differs from {@code seen} or the timeout passes, and returns the
     * version then. Returns at once once closed, so that a shutdown does not wait for browsers.
     */
    long awaitChange(long seen, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            CompletableFuture<Long> waiting = nextChange;
            long current = version;
            if (current != seen || closed) {
                return current;
            }
            long remaining = deadline - System.nanoTime();
            if (remaining <= 0) {
                return current;
            }
            try {
                waiting.get(remaining, TimeUnit.NANOSECONDS);
            } catch (TimeoutException e) {
                return version;
            } catch (ExecutionException e) {
                return version;
            }
        }
    }

    /** Wakes every waiting page and makes later waits return at once. */
    synchronized void close() {
        closed = true;
        nextChange.complete(version);
    }
}
