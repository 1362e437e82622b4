package io.microflask.server;

import io.microflask.OpenStream;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.LastHttpContent;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.io.InterruptedIOException;

/**
 * A streaming body's writes, as HTTP chunks on the connection. Called from the handler thread;
 * Netty hands each write to the event loop. When the connection's outbound buffer is full the
 * writer waits for its write to go out, so a slow client slows the producer down instead of
 * filling the heap.
 */
final class ChannelResponseStream implements OpenStream {
    /** Told how an open stream ended: {@code reuse} when it was closed normally, with its last write. */
    interface Ending {
        void ended(boolean reuse, ChannelFuture last);
    }

    private final ChannelHandlerContext ctx;
    private final ServerState state;
    private final long writeTimeoutMillis;
    /** {@link #isOpen()} answered false because the server is stopping: the body was cut, not finished. */
    private volatile boolean toldToStop;

    private final List<Runnable> closeActions = new ArrayList<>();
    private boolean ended;
    private Ending ending;
    private boolean endedCleanly;
    private ChannelFuture lastWrite;

    ChannelResponseStream(ChannelHandlerContext ctx, ServerState state, java.time.Duration writeTimeout) {
        this.ctx = ctx;
        this.state = state;
        this.writeTimeoutMillis = writeTimeout.toMillis();
    }

    /**
     * Keeps an {@link OpenStream} open after its opener returned: {@code ending} is told once it
     * ends (at once if it already has). Until then the server can cut it at shutdown.
     */
    void holdOpen(Ending ending) {
        boolean already;
        synchronized (this) {
            already = ended;
            this.ending = ending;
        }
        if (already) {
            ending.ended(endedCleanly, lastWrite);
            return;
        }
        state.openStreamStarted(this);
        ctx.channel().closeFuture().addListener(closed -> finish(false, ctx.newSucceededFuture()));
    }

    @Override
    public void close() {
        ChannelFuture last;
        synchronized (this) {
            if (ended) {
                return;
            }
            last = end();
        }
        finish(true, last);
    }

    /** The server is stopping: end without the last chunk, so the client can tell. */
    void cut() {
        synchronized (this) {
            if (ended) {
                return;
            }
        }
        state.answerCut();
        finish(false, ctx.channel().close());
    }

    private void finish(boolean clean, ChannelFuture last) {
        Ending told;
        List<Runnable> actions;
        synchronized (this) {
            if (ended) {
                return;
            }
            ended = true;
            endedCleanly = clean;
            lastWrite = last;
            told = ending;
            actions = new ArrayList<>(closeActions);
            closeActions.clear();
        }
        state.openStreamEnded(this);
        for (Runnable action : actions) {
            try {
                action.run();
            } catch (RuntimeException e) {
                // One listener's failure must not keep the others from hearing of the end.
            }
        }
        if (told != null) {
            told.ended(clean, last);
        }
    }

    @Override
    public java.util.concurrent.ScheduledExecutorService timers() {
        return ctx.executor();
    }

    @Override
    public void onClose(Runnable action) {
        synchronized (this) {
            if (!ended) {
                closeActions.add(action);
                return;
            }
        }
        action.run();
    }

    @Override
    public void write(byte[] bytes) throws IOException {
        // A copy: the caller may reuse its array before the event loop has sent it.
        send(new DefaultHttpContent(Unpooled.copiedBuffer(bytes)));
    }

    @Override
    public void write(String text) throws IOException {
        send(new DefaultHttpContent(ByteBufUtil.writeUtf8(ctx.alloc(), text)));
    }

    private void send(DefaultHttpContent chunk) throws IOException {
        synchronized (this) {
            if (ended && ending != null) {
                chunk.release();
                throw new IOException("the stream is closed");
            }
        }
        if (!ctx.channel().isActive()) {
            chunk.release();
            throw new IOException("the client closed the connection");
        }
        ChannelFuture written = ctx.writeAndFlush(chunk);
        if (!ctx.channel().isWritable() && !ctx.executor().inEventLoop()) {
            boolean done;
            try {
                done = writeTimeoutMillis > 0 ? written.await(writeTimeoutMillis) : written.await(Long.MAX_VALUE);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while the client was reading slowly");
            }
            if (!done) {
                // The client has not read for the write timeout: free this thread and the connection.
                ctx.channel().close();
                throw new IOException("the client did not read the streamed answer for " + writeTimeoutMillis
                        + " ms (settings().writeTimeout()); connection closed");
            }
            if (!written.isSuccess()) {
                throw new IOException("the client closed the connection", written.cause());
            }
        }
    }

    @Override
    public boolean isOpen() {
        synchronized (this) {
            if (ended) {
                return false;
            }
        }
        if (state.shuttingDown()) {
            toldToStop = true;
            return false;
        }
        return ctx.channel().isActive();
    }

    /**
     * Whether the body was told to stop because the server is shutting down: it may have returned
     * early, so its answer must not end as if it were complete.
     */
    boolean cutByShutdown() {
        return toldToStop;
    }

    /** Ends the body (the last, empty chunk). */
    ChannelFuture end() {
        return ctx.writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT);
    }
}
