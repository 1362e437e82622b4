package io.microflask;

import java.net.InetSocketAddress;
import java.util.Map;

/**
 * One client of a {@link WebSocket} endpoint, given to its methods. Sending never blocks: messages
 * wait in a send queue of at most {@link Settings#webSocketSendQueueBytes()} bytes, and a client
 * that lets it fill is closed with 1008, so that memory does not grow with a client that does not
 * read. Every method may be called from any thread.
 */
public interface WebSocketConnection {
    /** Close code: the purpose of the connection is fulfilled. */
    int NORMAL_CLOSURE = 1000;
    /** Close code: the server is stopping (or the client idled for too long). */
    int GOING_AWAY = 1001;
    /** Close code: a message of a kind the endpoint does not take. */
    int UNSUPPORTED_DATA = 1003;
    /** Close code: a message broke a rule (e.g. the send queue of a client that does not read filled up). */
    int POLICY_VIOLATION = 1008;
    /** Close code: a message was larger than the settings allow. */
    int MESSAGE_TOO_BIG = 1009;
    /** Close code: an endpoint method failed. */
    int INTERNAL_ERROR = 1011;

    /** An identifier unique among this server's connections. */
    String id();

    /** The opening request: its path variables, query, headers, cookies and session (read-only here). */
    Request request();

    /** The client's address (as a trusted proxy reports it, else the socket's). */
    InetSocketAddress remoteAddress();

    /** Sends a text message. Ignored once the connection is closed. */
    void send(String text);

    /** Sends a binary message (the array is copied). Ignored once the connection is closed. */
    void send(byte[] data);

    /** Whether the connection is open: no close frame was sent or received, and the client is connected. */
    boolean isOpen();

    /** Closes with 1000 (normal closure). */
    default void close() {
        close(NORMAL_CLOSURE, "");
    }

    /**
     * Sends a close frame with {@code code} (1000, or 3000-4999 for the app's own) and
     * {@code reason} (at most 123 bytes of UTF-8), then ends the connection once the client
     * answers it, or after a few seconds. Idempotent.
     */
    void close(int code, String reason);

    /** Adds this connection to the group {@code name} (until it leaves it or closes). */
    void join(String name);

    /** Removes this connection from the group {@code name}. */
    void leave(String name);

    /** The group {@code name}, e.g. to send to every member: {@code connection.group(room).send(text)}. */
    WebSocketGroup group(String name);

    /** Values the app keeps with this connection while it is open (e.g. the user's name); thread-safe. */
    Map<String, Object> attributes();
}
