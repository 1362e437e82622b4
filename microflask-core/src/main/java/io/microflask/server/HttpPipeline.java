package io.microflask.server;

import io.microflask.Settings;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.HttpResponseEncoder;
import io.netty.handler.timeout.IdleStateHandler;

import java.util.concurrent.TimeUnit;

/** The handlers of one connection, shared by the server and the in-process test client. */
final class HttpPipeline {
    private HttpPipeline() {
    }

    /**
     * Adds the handlers of one connection to {@code pipeline}; {@code zeroCopyFiles} says whether
     * the channel is a socket that can send file regions (the in-process exchange is not).
     */
    static void configure(ChannelPipeline pipeline, RequestService service, HandlerThreads threads, ServerState state,
                          boolean zeroCopyFiles) {
        Settings settings = service.settings();
        long idleMillis = settings.idleTimeout().toMillis();
        long writeMillis = settings.writeTimeout().toMillis();
        if (idleMillis > 0 || writeMillis > 0) {
            // Observing output: bytes of a pending answer going out count as activity, so a slow
            // download is not idle, while an answer its client does not read is (ConnectionHandler).
            pipeline.addLast("idle", new IdleStateHandler(true, 0, writeMillis, idleMillis, TimeUnit.MILLISECONDS));
        }
        // A strict decoder instead of HttpServerCodec's lenient one; HEAD answers get no body from
        // ResponseWriter, which is what the codec's request tracking was for.
        BodyBudget.Account bodies = state.bodyBudget().new Account();
        pipeline.addLast("decoder", new StrictRequestDecoder(settings, state, bodies));
        pipeline.addLast("encoder", new HttpResponseEncoder());
        // Refused clients are answered before a body is aggregated or a handler runs.
        settings.clientAllowList().ifPresent(list -> pipeline.addLast("allow-list", new AllowListHandler(list)));
        pipeline.addLast("aggregator", new BodyAggregator((int) settings.maxBodySize()));
        // Takes a WebSocket handshake for an endpoint's path; passes every other request on.
        pipeline.addLast("websocket-upgrade", new WebSocketUpgrade(service, threads, state, zeroCopyFiles));
        pipeline.addLast("app", new ConnectionHandler(service, threads, state, new ResponseWriter(zeroCopyFiles),
                bodies));
    }
}
