package io.microflask.server;

import io.microflask.Settings;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.ssl.ApplicationProtocolNames;
import io.netty.handler.ssl.ApplicationProtocolNegotiationHandler;
import io.netty.handler.stream.ChunkedWriteHandler;
import io.netty.handler.timeout.IdleStateHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.TimeUnit;

/** The handlers of one connection, shared by the server and the in-process test client. */
final class HttpPipeline {
    private static final Logger log = LoggerFactory.getLogger(HttpPipeline.class);

    private HttpPipeline() {
    }

    /**
     * The handlers of an accepted socket: with {@code tls}, TLS first and then HTTP/2 or HTTP/1.1
     * as ALPN chose; without it, HTTP/1.1, or HTTP/2 for a connection that opens with its preface
     * when {@code settings().h2cPriorKnowledge()} is on.
     */
    static void configureSocket(Channel channel, RequestService service, HandlerThreads threads, ServerState state,
                                ServerTls tls) {
        ChannelPipeline pipeline = channel.pipeline();
        Settings settings = service.settings();
        if (tls == null && !settings.h2cPriorKnowledge()) {
            configure(pipeline, service, threads, state, true);
            return;
        }
        addIdleHandler(pipeline, settings);
        if (tls != null) {
            pipeline.addLast("tls", tls.context().newHandler(channel.alloc()));
            pipeline.addLast("alpn", new ApplicationProtocolNegotiationHandler(ApplicationProtocolNames.HTTP_1_1) {
                @Override
                protected void configurePipeline(ChannelHandlerContext ctx, String protocol) {
                    if (ApplicationProtocolNames.HTTP_2.equals(protocol)) {
                        Http2Connections.configure(ctx.pipeline(), service, threads, state);
                    } else {
                        configureWithoutZeroCopy(ctx.pipeline(), service, threads, state);
                    }
                }

                @Override
                protected void handshakeFailure(ChannelHandlerContext ctx, Throwable cause) {
                    // A browser that does not trust the certificate yet, a scanner, plain HTTP on the
                    // HTTPS port: the client's business, not a server problem worth a warning.
                    log.debug("TLS handshake with {} failed: {}", ctx.channel().remoteAddress(), cause.toString());
                    ctx.close();
                }
            });
        } else {
            pipeline.addLast("h2c-detect", new PriorKnowledgeDetector(service, threads, state));
        }
    }

    /**
     * Adds the HTTP/1.1 handlers of one connection to {@code pipeline}; {@code zeroCopyFiles} says
     * whether the channel is a cleartext socket that can send file regions (the in-process exchange
     * adds its own chunked writer instead).
     */
    static void configure(ChannelPipeline pipeline, RequestService service, HandlerThreads threads, ServerState state,
                          boolean zeroCopyFiles) {
        Settings settings = service.settings();
        addIdleHandler(pipeline, settings);
        // A strict decoder instead of HttpServerCodec's lenient one; HEAD answers get no body from
        // ResponseWriter, which is what the codec's request tracking was for.
        BodyBudget.Account bodies = state.bodyBudget().new Account();
        pipeline.addLast("decoder", new StrictRequestDecoder(settings, state, bodies));
        pipeline.addLast("encoder", new ResponseHeadEncoder());
        // Refused clients are answered before a body is received or a handler runs.
        settings.clientAllowList().ifPresent(list -> pipeline.addLast("allow-list", new AllowListHandler(list)));
        pipeline.addLast("aggregator", new BodyReceiver(service, bodies));
        // Takes a WebSocket handshake for an endpoint's path; passes every other request on.
        pipeline.addLast("websocket-upgrade", new WebSocketUpgrade(service, threads, state, zeroCopyFiles));
        pipeline.addLast("app", new ConnectionHandler(service, threads, state, new ResponseWriter(zeroCopyFiles, settings),
                bodies));
    }

    /** HTTP/1.1 over TLS (or after the h2c check): files go as chunks through the handlers. */
    static void configureWithoutZeroCopy(ChannelPipeline pipeline, RequestService service, HandlerThreads threads,
                                         ServerState state) {
        configure(pipeline, service, threads, state, false);
        pipeline.addAfter("encoder", "chunked", new ChunkedWriteHandler());
    }

    private static void addIdleHandler(ChannelPipeline pipeline, Settings settings) {
        long idleMillis = settings.idleTimeout().toMillis();
        long writeMillis = settings.writeTimeout().toMillis();
        if ((idleMillis > 0 || writeMillis > 0) && pipeline.get("idle") == null) {
            // Observing output: bytes of a pending answer going out count as activity, so a slow
            // download is not idle, while an answer its client does not read is (ConnectionHandler).
            pipeline.addLast("idle", new IdleStateHandler(true, 0, writeMillis, idleMillis, TimeUnit.MILLISECONDS));
        }
    }
}
