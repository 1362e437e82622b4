package io.microflask.server;

import io.microflask.App;
import io.microflask.Settings;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.HttpResponseEncoder;
import io.netty.handler.timeout.IdleStateHandler;

import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

/** The handlers of one connection, shared by the server and the in-process test client. */
public final class HttpPipeline {
    private HttpPipeline() {
    }

    static void configure(ChannelPipeline pipeline, App app, Executor executor, ServerState state) {
        Settings settings = app.settings();
        long idleMillis = settings.idleTimeout().toMillis();
        if (idleMillis > 0) {
            pipeline.addLast("idle", new IdleStateHandler(0, 0, idleMillis, TimeUnit.MILLISECONDS));
        }
        // A strict decoder instead of HttpServerCodec's lenient one; HEAD answers get no body from
        // ResponseEncoder, which is what the codec's request tracking was for.
        pipeline.addLast("decoder", new StrictRequestDecoder(settings, state));
        pipeline.addLast("encoder", new HttpResponseEncoder());
        pipeline.addLast("aggregator", new BodyAggregator((int) settings.maxBodySize()));
        pipeline.addLast("app", new ConnectionHandler(app, executor, state));
    }
}
