package io.microflask.server;

import io.microflask.RunningServer;
import io.microflask.Settings;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetSocketAddress;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;

/** The Netty HTTP/1.1 server behind {@code App.start} and {@code App.run}: it answers through a {@link RequestService}. */
public final class NettyServer implements RunningServer {
    private static final Logger log = LoggerFactory.getLogger(NettyServer.class);

    private final RequestService service;
    private final String host;
    private final boolean debug;
    private final EventLoopGroup bossGroup;
    private final EventLoopGroup workerGroup;
    private final ExecutorService handlers;
    private final ExecutorService streams;
    private final ServerState state;
    private final Channel serverChannel;
    private final InetSocketAddress address;
    private final CountDownLatch terminated = new CountDownLatch(1);
    private boolean closed;

    private NettyServer(RequestService service, String host, boolean debug, EventLoopGroup bossGroup, EventLoopGroup workerGroup,
                        ExecutorService handlers, ExecutorService streams, ServerState state,
                        Channel serverChannel) {
        this.service = service;
        this.host = host;
        this.debug = debug;
        this.bossGroup = bossGroup;
        this.workerGroup = workerGroup;
        this.handlers = handlers;
        this.streams = streams;
        this.state = state;
        this.serverChannel = serverChannel;
        this.address = (InetSocketAddress) serverChannel.localAddress();
    }

    /**
     * Binds {@code host:port} and starts serving. A port that cannot be bound fails with the
     * transport's own exception (e.g. a {@link java.net.BindException}), after everything this
     * method started is stopped; the caller explains it to the user.
     */
    public static NettyServer start(RequestService service, String host, int port, boolean debug) {
        Settings settings = service.settings();
        boolean epoll = settings.useNativeTransport() && Epoll.isAvailable();
        IoHandlerFactory ioFactory = epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
        Class<? extends ServerChannel> channelType = epoll ? EpollServerSocketChannel.class
                : NioServerSocketChannel.class;
        EventLoopGroup boss = new MultiThreadIoEventLoopGroup(1, ioFactory);
        EventLoopGroup workers = new MultiThreadIoEventLoopGroup(0, ioFactory);
        ExecutorService handlers = HandlerExecutors.create(settings);
        ExecutorService streams = HandlerExecutors.createForStreams(settings);
        HandlerThreads threads = new HandlerThreads(handlers, streams);
        ServerState state = new ServerState(settings.maxBufferedBodyBytes());
        try {
            ServerBootstrap bootstrap = new ServerBootstrap()
                    .group(boss, workers)
                    .channel(channelType)
                    .option(ChannelOption.SO_BACKLOG, 1024)
                    .option(ChannelOption.SO_REUSEADDR, true)
                    .childOption(ChannelOption.TCP_NODELAY, true)
                    .childOption(ChannelOption.SO_KEEPALIVE, true)
                    // A client that half-closes after its request still gets the answer (ConnectionHandler).
                    .childOption(ChannelOption.ALLOW_HALF_CLOSURE, true)
                    .childHandler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel channel) {
                            HttpPipeline.configure(channel.pipeline(), service, threads, state, true);
                        }
                    });
            Channel channel = bootstrap.bind(host, port).syncUninterruptibly().channel();
            NettyServer server = new NettyServer(service, host, debug, boss, workers, handlers, streams, state,
                    channel);
            log.debug("listening on {} with the {} transport", server.address, epoll ? "epoll" : "NIO");
            return server;
        } catch (Exception e) { // syncUninterruptibly rethrows the checked BindException undeclared
            boss.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS);
            workers.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS);
            handlers.shutdownNow();
            streams.shutdownNow();
            throw e;
        }
    }

    @Override
    public int port() {
        return address.getPort();
    }

    @Override
    public String host() {
        return host;
    }

    @Override
    public InetSocketAddress address() {
        return address;
    }

    @Override
    public String url() {
        String shown = host;
        if (address.getAddress() != null && address.getAddress().isAnyLocalAddress()) {
            // The epoll transport reports a 0.0.0.0 bind as "::", so decide by what was asked.
            shown = host.contains(":") ? "[::1]" : "127.0.0.1";
        } else if (shown.contains(":") && !shown.startsWith("[")) {
            shown = "[" + shown + "]";
        }
        return "http://" + shown + ":" + port();
    }

    @Override
    public boolean debug() {
        return debug;
    }

    /** Requests being handled right now. */
    public int inFlight() {
        return state.inFlight();
    }

    @Override
    public void awaitTermination() throws InterruptedException {
        terminated.await();
    }

    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        service.stopping();
        state.beginShutdown();
        state.cutOpenStreams();
        state.closeWebSockets();
        serverChannel.close().syncUninterruptibly();
        long deadline = System.nanoTime() + service.settings().shutdownTimeout().toNanos();
        // Idle keep-alive connections go now; busy ones finish their request and close after it.
        closeIdleConnections();
        // Requests still arriving (an upload under way) are waited for too, so that they are answered.
        while ((state.inFlight() > 0 || state.receiving() > 0) && System.nanoTime() < deadline) {
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            closeIdleConnections();
        }
        // In flight means: not yet written to its socket (a slow reader's download counts too).
        int abandoned = state.inFlight() + state.receiving();
        if (abandoned > 0) {
            log.warn("shutdown timeout ({}) passed with {} request(s) not yet answered in full; closing their "
                    + "connections (settings().shutdownTimeout() gives them longer)",
                    service.settings().shutdownTimeout(), abandoned);
        }
        state.connections().close().awaitUninterruptibly(1, TimeUnit.SECONDS);
        workerGroup.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        bossGroup.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        handlers.shutdown();
        streams.shutdown();
        int cut = abandoned + state.cutAnswers();
        if (cut == 0) {
            log.info("server on {} stopped; every answer in flight was written in full", url());
        } else {
            log.info("server on {} stopped; {} answer(s) cut short: {} streamed answer(s) stopped by the shutdown, "
                    + "{} not finished within the shutdown timeout", url(), cut, state.cutAnswers(), abandoned);
        }
        terminated.countDown();
    }

    private void closeIdleConnections() {
        for (Channel channel : state.connections()) {
            ConnectionHandler handler = channel.pipeline().get(ConnectionHandler.class);
            StrictRequestDecoder decoder = channel.pipeline().get(StrictRequestDecoder.class);
            if (handler != null) {
                channel.eventLoop().execute(() -> {
                    if (!handler.busy() && (decoder == null || !decoder.receiving())) {
                        channel.close();
                    }
                });
            }
        }
    }
}
