package io.microflask.server;

import io.microflask.App;
import io.netty.buffer.ByteBuf;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.stream.ChunkedWriteHandler;

import java.util.ArrayList;
import java.util.List;

/**
 * Sends requests through the server's own pipeline (decoder, limits, dispatcher, encoder) over
 * Netty's {@link EmbeddedChannel}: everything but the socket, on the calling thread.
 */
public final class InProcessExchange {
    private InProcessExchange() {
    }

    /**
     * Encodes the requests as bytes, feeds them to a fresh server pipeline and decodes what it
     * answers. Several requests on one call are pipelined on one connection.
     */
    public static List<FullHttpResponse> exchange(App app, List<FullHttpRequest> requests) {
        EmbeddedChannel server = new EmbeddedChannel();
        HttpPipeline.configure(server.pipeline(), app, Runnable::run, new ServerState());
        // Between the app and the encoder, so that file bodies (sent as chunks here) are HTTP-encoded.
        server.pipeline().addAfter("encoder", "chunked", new ChunkedWriteHandler());
        EmbeddedChannel client = new EmbeddedChannel(new HttpClientCodec(), new HttpObjectAggregator(Integer.MAX_VALUE));
        try {
            for (FullHttpRequest request : requests) {
                client.writeOutbound(request);
            }
            ByteBuf encoded;
            while ((encoded = client.readOutbound()) != null) {
                server.writeInbound(encoded);
            }
            server.runPendingTasks();
            ByteBuf answer;
            while ((answer = server.readOutbound()) != null) {
                client.writeInbound(answer);
            }
            if (!server.isOpen()) {
                client.finish();
            }
            List<FullHttpResponse> responses = new ArrayList<>();
            Object inbound;
            while ((inbound = client.readInbound()) != null) {
                if (inbound instanceof FullHttpResponse response) {
                    responses.add(response);
                }
            }
            return responses;
        } finally {
            server.finishAndReleaseAll();
            client.finishAndReleaseAll();
        }
    }
}
