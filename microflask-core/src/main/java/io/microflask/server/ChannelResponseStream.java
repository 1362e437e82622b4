package io.microflask.server;

import io.microflask.ResponseStream;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.LastHttpContent;

import java.io.IOException;
import java.io.InterruptedIOException;

/**
 * A streaming body's writes, as HTTP chunks on the connection. Called from the handler thread;
 * Netty hands each write to the event loop. When the connection's outbound buffer is full the
 * writer waits for its write to go out, so a slow client slows the producer down instead of
 * filling the heap.
 */
final class ChannelResponseStream implements ResponseStream {
    private final ChannelHandlerContext ctx;
    private final ServerState state;
    private final long writeTimeoutMillis;
    /** {@link #isOpen()} answered false because the server is stopping: the body was cut, not finished. */
    private volatile boolean toldToStop;

    ChannelResponseStream(ChannelHandlerContext ctx, ServerState state, java.time.Duration writeTimeout) {
        this.ctx = ctx;
        this.state = state;
        this.writeTimeoutMillis = writeTimeout.toMillis();
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
