package io.microflask.server;

import io.microflask.Settings;
import io.microflask.TestClient;
import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.local.LocalAddress;
import io.netty.channel.local.LocalChannel;
import io.netty.channel.local.LocalIoHandler;
import io.netty.channel.local.LocalServerChannel;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.stream.ChunkedWriteHandler;
import io.netty.util.concurrent.DefaultThreadFactory;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.ArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.List;

/**
 * Sends requests through the server's own pipeline (decoder, limits, dispatcher, encoder) over
 * Netty's {@link EmbeddedChannel}: everything but the socket, on the calling thread. Connections
 * that outlive a call (a test's WebSocket) go over Netty's local transport instead ({@link #connect}).
 */
public final class InProcessExchange implements TestClient.Transport {
    /**
     * The event loop of in-process connections that outlive a call ({@link #connect}): one daemon
     * thread for the JVM, started when first needed, so that no test has to stop it.
     */
    private static final class LocalLoop {
        static final EventLoopGroup GROUP = new MultiThreadIoEventLoopGroup(1,
                new DefaultThreadFactory("microflask-test-connection", true), LocalIoHandler.newFactory());
    }

    private final RequestService service;

    /** An exchange with the app behind {@code service}. */
    public InProcessExchange(RequestService service) {
        this.service = service;
    }

    /**
     * Encodes the requests as bytes, feeds them to a fresh server pipeline and decodes what it
     * answers. Several requests on one call are pipelined on one connection.
     */
    public List<FullHttpResponse> exchange(List<FullHttpRequest> requests) {
        return exchange(requests, null);
    }

    /**
     * A connection over Netty's local transport into a pipeline configured as a socket's is, with
     * handler threads of its own (shut down when the connection has ended) and its own
     * connection count.
     */
    @Override
    public Channel connect(ChannelHandler client) {
        Settings settings = service.settings();
        ExecutorService handlers = HandlerExecutors.create(settings);
        ExecutorService streams = HandlerExecutors.createForStreams(settings);
        HandlerThreads threads = new HandlerThreads(handlers, streams);
        ServerState state = new ServerState(settings.maxBufferedBodyBytes());
        LocalAddress address = new LocalAddress(InProcessExchange.class);
        Channel listener = new ServerBootstrap().group(LocalLoop.GROUP).channel(LocalServerChannel.class)
                .childHandler(new ChannelInitializer<LocalChannel>() {
                    @Override
                    protected void initChannel(LocalChannel channel) {
                        HttpPipeline.configure(channel.pipeline(), service, threads, state, false);
                        // Last, so that it sees the end after every handler (and queued endpoint call) before it.
                        channel.pipeline().addLast("in-process-end", new ChannelInboundHandlerAdapter() {
                            @Override
                            public void channelInactive(ChannelHandlerContext ctx) {
                                handlers.shutdown();
                                streams.shutdown();
                            }
                        });
                    }
                })
                .bind(address).syncUninterruptibly().channel();
        try {
            Channel channel = new Bootstrap().group(LocalLoop.GROUP).channel(LocalChannel.class).handler(client)
                    .connect(address).syncUninterruptibly().channel();
            // One connection per listener: it takes no other.
            listener.close();
            return channel;
        } catch (RuntimeException e) {
            listener.close();
            handlers.shutdown();
            streams.shutdown();
            throw e;
        }
    }

    private static void runQueued(LinkedBlockingQueue<Runnable> tasks, EmbeddedChannel server) {
        Runnable task;
        do {
            while ((task = tasks.poll()) != null) {
                task.run();
            }
            server.runPendingTasks();
        } while (!tasks.isEmpty());
    }

    /**
     * As {@link #exchange(List)}, from a client at {@code remote} (e.g. another machine, to see
     * what a remote client is shown); {@code null} is this machine.
     */
    @Override
    public List<FullHttpResponse> exchange(List<FullHttpRequest> requests, InetSocketAddress remote) {
        EmbeddedChannel server = remote == null ? new EmbeddedChannel() : new EmbeddedChannel() {
            @Override
            protected SocketAddress remoteAddress0() {
                return remote;
            }
        };
        // Every piece of work, handlers and continuations alike, runs here on the calling thread, in
        // order: the embedded channel is not thread-safe.
        LinkedBlockingQueue<Runnable> tasks = new LinkedBlockingQueue<>();
        HttpPipeline.configure(server.pipeline(), service, new HandlerThreads(tasks::add, tasks::add, true),
                new ServerState(service.settings().maxBufferedBodyBytes()), false);
        // Between the app and the encoder, so that file bodies (sent as chunks here) are HTTP-encoded.
        server.pipeline().addAfter("encoder", "chunked", new ChunkedWriteHandler());
        EmbeddedChannel client = new EmbeddedChannel(new HttpClientCodec(), new HttpObjectAggregator(Integer.MAX_VALUE));
        List<FullHttpResponse> responses = new ArrayList<>();
        try {
            for (FullHttpRequest request : requests) {
                client.writeOutbound(request);
            }
            ByteBuf encoded;
            while ((encoded = client.readOutbound()) != null) {
                if (!server.isOpen()) {
                    // The server answered and closed (e.g. 413 for a body over the limit): as on a
                    // socket, what the client still sends goes nowhere.
                    encoded.release();
                    continue;
                }
                server.writeInbound(encoded);
                runQueued(tasks, server);
            }
            // Asynchronous answers arrive later: wait for them, up to their own timeout and a margin.
            long deadline = System.nanoTime() + service.settings().asyncTimeout().plusSeconds(5).toNanos();
            while (true) {
                runQueued(tasks, server);
                ByteBuf answer;
                while ((answer = server.readOutbound()) != null) {
                    client.writeInbound(answer);
                }
                if (!server.isOpen()) {
                    client.finish();
                }
                Object inbound;
                while ((inbound = client.readInbound()) != null) {
                    if (inbound instanceof FullHttpResponse response) {
                        responses.add(response);
                    }
                }
                if (responses.size() >= requests.size() || !server.isOpen() || System.nanoTime() >= deadline) {
                    return responses;
                }
                Runnable next = tasks.poll(10, TimeUnit.MILLISECONDS);
                if (next != null) {
                    next.run();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return responses;
        } finally {
            server.finishAndReleaseAll();
            client.finishAndReleaseAll();
        }
    }
}
