package io.microflask.server;

import io.microflask.Settings;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http2.Http2FrameCodec;
import io.netty.handler.codec.http2.Http2FrameCodecBuilder;
import io.netty.handler.codec.http2.Http2MultiplexHandler;
import io.netty.handler.codec.http2.Http2Settings;
import io.netty.handler.codec.http2.Http2StreamChannel;
import io.netty.handler.codec.http2.Http2StreamFrameToHttpObjectCodec;
import io.netty.handler.stream.ChunkedWriteHandler;

/**
 * The handlers of an HTTP/2 connection: Netty's frame codec, hardened, on the connection; each
 * stream a child channel of its own whose frames become HTTP/1.1 messages, so that it gets the
 * same aggregator, limits and {@link ConnectionHandler} as an HTTP/1.1 connection.
 *
 * <p>Hardening (each tested by {@code Http2HardeningTest}):
 * <ul>
 *   <li>concurrent streams: {@code settings().maxConcurrentStreams()}, advertised and enforced
 *       (a stream over it is refused with RST_STREAM REFUSED_STREAM);</li>
 *   <li>header list size: {@code settings().maxHeaderSize()}, advertised as
 *       SETTINGS_MAX_HEADER_LIST_SIZE; larger headers are refused (431) and far larger ones end the
 *       connection, whether they come in one HEADERS frame or many CONTINUATION frames, which also
 *       bounds a CONTINUATION flood;</li>
 *   <li>rapid reset (CVE-2023-44487): more than {@value #MAX_RESETS} RST_STREAM frames from a
 *       client within {@value #RESET_WINDOW_SECONDS} s end its connection with GOAWAY
 *       ENHANCE_YOUR_CALM;</li>
 *   <li>CONTINUATION floods of tiny frames: more than {@value #MAX_SMALL_CONTINUATIONS} small
 *       CONTINUATION frames for one header block end the connection;</li>
 *   <li>SETTINGS and PING floods: the answers (ACKs) queue at most
 *       {@value #MAX_QUEUED_CONTROL_FRAMES} deep while the client does not read; past that the
 *       connection is closed;</li>
 *   <li>empty DATA frame floods: at most {@value #MAX_EMPTY_DATA_FRAMES} in a row;</li>
 *   <li>bodies: {@code settings().maxBodySize()} per request (413), as over HTTP/1.1.</li>
 * </ul>
 */
final class Http2Connections {
    static final int MAX_RESETS = 200;
    static final int RESET_WINDOW_SECONDS = 30;
    static final int MAX_SMALL_CONTINUATIONS = 16;
    static final int MAX_QUEUED_CONTROL_FRAMES = 10_000;
    static final int MAX_EMPTY_DATA_FRAMES = 2;

    private Http2Connections() {
    }

    /** Adds the HTTP/2 handlers after those already in {@code pipeline} (TLS, idle). */
    static void configure(ChannelPipeline pipeline, RequestService service, HandlerThreads threads,
                          ServerState state) {
        Settings settings = service.settings();
        Http2FrameCodec codec = Http2FrameCodecBuilder.forServer()
                .initialSettings(Http2Settings.defaultSettings()
                        .maxConcurrentStreams(settings.maxConcurrentStreams())
                        .maxHeaderListSize(settings.maxHeaderSize()))
                .validateHeaders(true)
                .gracefulShutdownTimeoutMillis(settings.shutdownTimeout().toMillis())
                .decoderEnforceMaxRstFramesPerWindow(MAX_RESETS, RESET_WINDOW_SECONDS)
                .decoderEnforceMaxSmallContinuationFrames(MAX_SMALL_CONTINUATIONS)
                .decoderEnforceMaxConsecutiveEmptyDataFrames(MAX_EMPTY_DATA_FRAMES)
                .encoderEnforceMaxQueuedControlFrames(MAX_QUEUED_CONTROL_FRAMES)
                .build();
        pipeline.addLast("h2", codec);
        pipeline.addLast("h2-guard", new Http2ConnectionGuard(service, state, codec));
        pipeline.addLast("h2-streams", new Http2MultiplexHandler(new ChannelInitializer<Http2StreamChannel>() {
            @Override
            protected void initChannel(Http2StreamChannel stream) {
                configureStream(stream.pipeline(), service, threads, state);
            }
        }));
    }

    private static void configureStream(ChannelPipeline pipeline, RequestService service, HandlerThreads threads,
                                        ServerState state) {
        Settings settings = service.settings();
        pipeline.addLast("h2-to-http", new Http2StreamFrameToHttpObjectCodec(true, true));
        pipeline.addLast("h2-headers", new Http2RequestCleaner());
        pipeline.addLast("h2-pace", new Http2StreamPace(settings));
        // Files go as chunks: a stream cannot take a zero-copy file region.
        pipeline.addLast("chunked", new ChunkedWriteHandler());
        settings.clientAllowList().ifPresent(list -> pipeline.addLast("allow-list", new AllowListHandler(list)));
        BodyBudget.Account bodies = state.bodyBudget().new Account();
        pipeline.addLast("aggregator", new BodyReceiver(service, bodies));
        pipeline.addLast("app", new ConnectionHandler(service, threads, state, new ResponseWriter(false, settings),
                bodies, true));
    }
}
