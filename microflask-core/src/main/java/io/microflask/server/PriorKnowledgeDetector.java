package io.microflask.server;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.codec.http2.Http2CodecUtil;
import io.netty.handler.timeout.IdleStateEvent;

import java.util.List;

/**
 * On a cleartext port with {@code settings().h2cPriorKnowledge()}: a connection that opens with
 * the HTTP/2 connection preface gets the HTTP/2 handlers, any other the HTTP/1.1 ones. Decided on
 * the first bytes; they then go on to the handlers chosen.
 */
final class PriorKnowledgeDetector extends ByteToMessageDecoder {
    private static final ByteBuf PREFACE = Http2CodecUtil.connectionPrefaceBuf();

    private final RequestService service;
    private final HandlerThreads threads;
    private final ServerState state;

    PriorKnowledgeDetector(RequestService service, HandlerThreads threads, ServerState state) {
        this.service = service;
        this.threads = threads;
        this.state = state;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        int compared = Math.min(in.readableBytes(), PREFACE.readableBytes());
        boolean prefixMatches = ByteBufUtil.equals(in, in.readerIndex(), PREFACE, PREFACE.readerIndex(), compared);
        if (prefixMatches && compared < PREFACE.readableBytes()) {
            return; // so far it looks like the preface: wait for the rest
        }
        if (prefixMatches) {
            Http2Connections.configure(ctx.pipeline(), service, threads, state);
        } else {
            HttpPipeline.configure(ctx.pipeline(), service, threads, state, true);
        }
        // Removing a decoder hands the bytes it holds to the handlers after it.
        ctx.pipeline().remove(this);
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
        if (evt instanceof IdleStateEvent) {
            ctx.close(); // connected and said nothing: no protocol to wait for
            return;
        }
        super.userEventTriggered(ctx, evt);
    }
}
