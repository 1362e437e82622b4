package io.microflask.server;

import io.netty.channel.Channel;
import io.netty.handler.codec.http2.Http2StreamChannel;
import io.netty.handler.ssl.SslHandler;

/** Whether a channel's bytes travel over TLS, for a request's scheme ({@code https}). */
final class TlsChannels {
    private TlsChannels() {
    }

    /** Whether {@code channel} (or, for an HTTP/2 stream, its connection) is TLS. */
    static boolean isSecure(Channel channel) {
        Channel connection = channel instanceof Http2StreamChannel ? channel.parent() : channel;
        return connection.pipeline().get(SslHandler.class) != null;
    }
}
