package io.microflask.server;

import io.microflask.Settings;
import io.netty.channel.ChannelHandlerContext;
import io.netty.util.concurrent.ScheduledFuture;

import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;

/**
 * Times one connection's client: a request head must be complete within
 * {@link Settings#requestHeadTimeout()} of its first byte, and once
 * {@link Settings#bodyRateGracePeriod()} has passed a request body must keep arriving at
 * {@link Settings#minBodyRate()} or more over the last {@link Settings#bodyRateWindow()} — a
 * sliding window, so a client that sends most of a body at once and then trickles the rest is cut
 * off like any other slow one. Timers run on the connection's event loop, so no state here is
 * shared.
 */
final class ClientPace {
    /** What to do with a client that is too slow. */
    interface Cutoff {
        void headTooSlow(ChannelHandlerContext ctx);

        void bodyTooSlow(ChannelHandlerContext ctx, long bytes, long elapsedMillis);
    }

    private static final long MAX_CHECK_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final long headTimeoutNanos;
    private final long minBodyRate;
    private final long graceNanos;
    private final long windowNanos;
    /** (time, body bytes so far) at each check, oldest first, reaching back one window. */
    private final ArrayDeque<long[]> samples = new ArrayDeque<>();
    private final Cutoff cutoff;
    private ScheduledFuture<?> headTimer;
    private ScheduledFuture<?> bodyCheck;
    private long bodyStarted;
    private long bodyBytes;

    ClientPace(Settings settings, Cutoff cutoff) {
        this.headTimeoutNanos = settings.requestHeadTimeout().toNanos();
        this.minBodyRate = settings.minBodyRate();
        this.graceNanos = settings.bodyRateGracePeriod().toNanos();
        this.windowNanos = Math.max(1, settings.bodyRateWindow().toNanos());
        this.cutoff = cutoff;
    }

    String headTimeoutText() {
        return java.time.Duration.ofNanos(headTimeoutNanos).toString().substring(2).toLowerCase(java.util.Locale.ROOT);
    }

    /** A head has begun and is not complete yet: start its clock unless it runs already. */
    void awaitingHead(ChannelHandlerContext ctx) {
        if (headTimer == null && headTimeoutNanos > 0) {
            headTimer = ctx.executor().schedule(() -> {
                headTimer = null;
                if (!ctx.channel().config().isAutoRead()) {
                    // The server stopped reading (pipelined requests waiting): give the client a new term.
                    awaitingHead(ctx);
                } else {
                    cutoff.headTooSlow(ctx);
                }
            }, headTimeoutNanos, TimeUnit.NANOSECONDS);
        }
    }

    /** The head is complete; a body may follow. */
    void headDecoded() {
        cancelHead();
        bodyBytes = 0;
        samples.clear();
    }

    void bodyReceived(int bytes) {
        bodyBytes += bytes;
    }

    /** A body has begun and is not complete yet: check its rate unless that happens already. */
    void awaitingBody(ChannelHandlerContext ctx) {
        if (bodyCheck == null && minBodyRate > 0) {
            if (samples.isEmpty()) {
                // The body's clock starts here, not when the head was decoded: most requests arrive
                // whole with their head, and never need a clock read for a body. From here on
                // samples always holds at least one entry, until the next head clears it.
                bodyStarted = System.nanoTime();
                samples.add(new long[] {bodyStarted, 0});
            }
            scheduleBodyCheck(ctx, Math.max(graceNanos, 1));
        }
    }

    private void scheduleBodyCheck(ChannelHandlerContext ctx, long delayNanos) {
        bodyCheck = ctx.executor().schedule(() -> checkBodyRate(ctx), delayNanos, TimeUnit.NANOSECONDS);
    }

    private void checkBodyRate(ChannelHandlerContext ctx) {
        bodyCheck = null;
        if (!ctx.channel().isActive()) {
            return;
        }
        long now = System.nanoTime();
        if (!ctx.channel().config().isAutoRead()) {
            // The server stopped reading (too many pipelined requests waiting); the client is not to blame.
            bodyStarted = now;
            samples.clear();
        } else {
            // The rate over the last window: from the newest sample at least a window old (or the
            // body's start) to now.
            while (samples.size() > 1) {
                long[] oldest = samples.pollFirst();
                if (now - samples.peekFirst()[0] < windowNanos) {
                    samples.addFirst(oldest);
                    break;
                }
            }
            long[] base = samples.isEmpty() ? new long[] {bodyStarted, bodyBytes} : samples.getFirst();
            long elapsed = now - base[0];
            long received = bodyBytes - base[1];
            if (now - bodyStarted >= graceNanos && elapsed > 0 && received * 1_000_000_000.0 / elapsed < minBodyRate) {
                cutoff.bodyTooSlow(ctx, received, TimeUnit.NANOSECONDS.toMillis(elapsed));
                return;
            }
        }
        samples.addLast(new long[] {now, bodyBytes});
        scheduleBodyCheck(ctx, Math.max(1, Math.min(graceNanos, MAX_CHECK_INTERVAL_NANOS)));
    }

    /** The request is complete. */
    void requestDecoded() {
        cancelHead();
        cancelBody();
    }

    /** Stops every timer (connection closing, or the decoder gave up). */
    void stop() {
        cancelHead();
        cancelBody();
    }

    private void cancelHead() {
        if (headTimer != null) {
            headTimer.cancel(false);
            headTimer = null;
        }
    }

    private void cancelBody() {
        if (bodyCheck != null) {
            bodyCheck.cancel(false);
            bodyCheck = null;
        }
    }
}
