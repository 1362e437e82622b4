package io.microflask.server;

import java.net.InetSocketAddress;

/**
 * The server's side of one WebSocket connection, given to its {@link WebSocketEndpoint}: sends
 * without blocking, from any thread, through a send queue bounded by
 * {@code settings().webSocketSendQueueBytes()} (a client that lets it fill is closed with 1008).
 */
public interface WebSocketLink {

    /** An identifier unique among the server's connections. */
    String id();

    /** The client's socket address. */
    InetSocketAddress remoteAddress();

    /** Queues a text message; ignored once closed. */
    void sendText(String text);

    /** Queues a binary message (copied); ignored once closed. */
    void sendBinary(byte[] data);

    /** Sends a close frame and ends the connection after the client's answer or a short wait. Idempotent. */
    void close(int code, String reason);

    /** Whether no close frame was sent or received and the client is connected. */
    boolean isOpen();
}
