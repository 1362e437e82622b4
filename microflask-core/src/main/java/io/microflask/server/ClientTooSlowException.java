package io.microflask.server;

import io.netty.buffer.Unpooled;
import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.http.DefaultLastHttpContent;
import io.netty.handler.codec.http.LastHttpContent;

/** Marks a request whose head or body arrived too slowly, so that it is answered 408 in its turn. */
final class ClientTooSlowException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    ClientTooSlowException(String message) {
        super(message, null, false, false);
    }

    /**
     * The end of a body that trickled in too slowly ({@code bytes} in the last {@code elapsedMillis}),
     * marked failed, so that what follows the decoder answers its request 408 in order.
     */
    static LastHttpContent bodyTooSlowMarker(long bytes, long elapsedMillis) {
        DefaultLastHttpContent marker = new DefaultLastHttpContent(Unpooled.EMPTY_BUFFER);
        marker.setDecoderResult(DecoderResult.failure(new ClientTooSlowException(
                "the request body arrived too slowly (" + bytes + " bytes in " + elapsedMillis + " ms)")));
        return marker;
    }
}
