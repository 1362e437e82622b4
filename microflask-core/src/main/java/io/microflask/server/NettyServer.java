package io.microflask.server;

import io.microflask.RunningServer;
import io.microflask.Settings;
import io.microflask.spi.ServerStats;
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
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The Netty server behind {@code App.start} and {@code App.run}: HTTP/1.1, and with a
 * {@link ServerTls} HTTPS with HTTP/2 by ALPN (cleartext HTTP/2 with prior knowledge when set);
 * it answers through a {@link RequestService}.
 */
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
    private final ServerTls tls;
    /** The cleartext port that redirects to HTTPS, or {@code null}. */
    private final Channel redirectChannel;
    private boolean closed;

    private NettyServer(RequestService service, String host, boolean debug, EventLoopGroup bossGroup, EventLoopGroup workerGroup,
                        ExecutorService handlers, ExecutorService streams, ServerState state,
                        Channel serverChannel, ServerTls tls, Channel redirectChannel) {
        this.tls = tls;
        this.redirectChannel = redirectChannel;
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
        return start(service, host, port, debug, null);
    }

    /**
     * As {@link #start(RequestService, String, int, boolean)}, serving HTTPS when {@code tls} is
     * given (and then also the redirect port of {@code settings().httpRedirectPort()}, if set).
     */
    public static NettyServer start(RequestService service, String host, int port, boolean debug, ServerTls tls) {
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
                            HttpPipeline.configureSocket(channel, service, threads, state, tls);
                        }
                    });
            Channel channel = bootstrap.bind(host, port).syncUninterruptibly().channel();
            Channel redirect = null;
            if (tls != null && settings.httpRedirectPort() >= 0) {
                int httpsPort = ((InetSocketAddress) channel.localAddress()).getPort();
                try {
                    redirect = HttpsRedirect.bind(boss, workers, channelType, host, settings.httpRedirectPort(),
                            httpsPort);
                } catch (Exception e) {
                    channel.close().syncUninterruptibly();
                    throw e;
                }
            }
            NettyServer server = new NettyServer(service, host, debug, boss, workers, handlers, streams, state,
                    channel, tls, redirect);
            log.debug("listening on {} with the {} transport", server.address, epoll ? "epoll" : "NIO");
            service.serverStarted(server.stats());
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
        return (tls != null ? "https://" : "http://") + shown + ":" + port();
    }

    /** The TLS this server speaks, or {@code null} for cleartext. */
    public ServerTls tls() {
        return tls;
    }

    /** The port of the cleartext listener that redirects to HTTPS, or -1 when there is none. */
    public int redirectPort() {
        return redirectChannel == null ? -1 : ((InetSocketAddress) redirectChannel.localAddress()).getPort();
    }

    @Override
    public boolean debug() {
        return debug;
    }

    /** The live counts observers read as gauges (connections, requests in flight, queued handler tasks). */
    private ServerStats stats() {
        ThreadPoolExecutor pool = handlers instanceof ThreadPoolExecutor bounded ? bounded : null;
        return new ServerStats() {
            @Override
            public int openConnections() {
                return state.connections().size();
            }

            @Override
            public int requestsInFlight() {
                return state.inFlight();
            }

            @Override
            public int handlerQueueDepth() {
                return pool == null ? 0 : pool.getQueue().size();
            }
        };
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
        drain();
        service.stopping();
        state.beginShutdown();
        state.cutOpenStreams();
        state.closeWebSockets();
        serverChannel.close().syncUninterruptibly();
        if (redirectChannel != null) {
            redirectChannel.close().syncUninterruptibly();
        }
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

    /**
     * Keeps serving for {@code settings().drainPeriod()} with readiness answering 503 and every
     * answer closing its connection, so that a load balancer takes the instance out before its
     * listener closes.
     */
    private void drain() {
        java.time.Duration period = service.settings().drainPeriod();
        if (period.isZero()) {
            return;
        }
        state.beginDrain();
        service.draining();
        log.info("draining for {} ms: readiness answers 503 and answers close their connections; the listener "
                + "closes after that (settings().drainPeriod())", period.toMillis());
        try {
            Thread.sleep(period.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void closeIdleConnections() {
        for (Channel channel : state.connections()) {
            Http2ConnectionGuard http2 = channel.pipeline().get(Http2ConnectionGuard.class);
            if (http2 != null) {
                // GOAWAY now; the connection closes once its open streams are answered.
                io.netty.channel.ChannelHandlerContext context = channel.pipeline().context(http2);
                if (context != null) {
                    http2.goAwayLater(context);
                }
                continue;
            }
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
