package io.microflask.server;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandler;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpResponseEncoder;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.AsciiString;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ResponseHeadEncoderTest {
    @Test
    void writesTheSameBytesAsNettysEncoder() {
        Consumer<FullHttpResponse> headers = response -> response.headers()
                .set(AsciiString.cached("Content-Type"), "text/plain; charset=utf-8")
                .set("X-Ascii", AsciiString.cached("nosniff"))
                .add("Set-Cookie", "a=1")
                .add("Set-Cookie", "b=2")
                .set("X-Latin", "caf\u00e9").set("X-Wide", "\u20ac5")
                .set("content-length", 5);
        assertEquals(encode(new HttpResponseEncoder(), headers), encode(new ResponseHeadEncoder(), headers));
    }

    @Test
    void writesHeadsLargerThanItsScratchArray() {
        String big = "x".repeat(20_000);
        Consumer<FullHttpResponse> headers = response -> {
            for (int i = 0; i < 40; i++) {
                response.headers().add("X-Many-" + i, "value " + i + " ".repeat(i * 20) + "end");
            }
            response.headers().set("X-Big", big).set("X-After", "after").set("content-length", 5);
        };
        // Twice on one encoder: the second answer reuses the grown scratch array.
        ResponseHeadEncoder encoder = new ResponseHeadEncoder();
        EmbeddedChannel channel = new EmbeddedChannel(encoder);
        String expected = encode(new HttpResponseEncoder(), headers);
        assertEquals(expected, encodeOn(channel, headers));
        assertEquals(expected, encodeOn(channel, headers));
        channel.finishAndReleaseAll();
    }

    private static String encode(ChannelHandler encoder, Consumer<FullHttpResponse> headers) {
        EmbeddedChannel channel = new EmbeddedChannel(encoder);
        try {
            return encodeOn(channel, headers);
        } finally {
            channel.finishAndReleaseAll();
        }
    }

    private static String encodeOn(EmbeddedChannel channel, Consumer<FullHttpResponse> headers) {
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK,
                Unpooled.copiedBuffer("hello", StandardCharsets.US_ASCII));
        headers.accept(response);
        channel.writeOutbound(response);
        StringBuilder bytes = new StringBuilder();
        ByteBuf out;
        while ((out = channel.readOutbound()) != null) {
            bytes.append(out.toString(StandardCharsets.ISO_8859_1));
            out.release();
        }
        return bytes.toString();
    }
}
