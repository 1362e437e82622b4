package io.microflask.server;

import io.netty.channel.embedded.EmbeddedChannel;

/**
 * The server's HTTP/1.1 pipeline on an {@link EmbeddedChannel}, for {@code PipelineBenchmark}: in
 * this package because the pipeline is internal, which a benchmark of the framework itself may
 * reach. Handler threads run their tasks inline, so only event-loop routes measure what a socket
 * would see.
 */
public final class BenchPipelines {
    private BenchPipelines() {
    }

    /** A connection's pipeline in front of {@code service}, as a cleartext socket gets it. */
    public static EmbeddedChannel microflask(RequestService service) {
        EmbeddedChannel channel = new EmbeddedChannel();
        HttpPipeline.configure(channel.pipeline(), service, new HandlerThreads(Runnable::run, Runnable::run, true),
                new ServerState(service.settings().maxBufferedBodyBytes()), false);
        return channel;
    }
}
