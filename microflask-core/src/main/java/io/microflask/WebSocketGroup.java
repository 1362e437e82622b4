package io.microflask;

/**
 * A named set of WebSocket connections, e.g. a chat room: {@link WebSocketConnection#join} adds to
 * it, and a message sent to it goes to every member, each through its own bounded send queue (a
 * member that does not read is closed, and the others are not slowed down). A connection leaves
 * its groups when it closes. Get one with {@link WebSocketConnection#group} or
 * {@link App#webSocketGroup}, from a route handler too.
 */
public interface WebSocketGroup {

    /** The group's name. */
    String name();

    /** Sends a text message to every open member. */
    void send(String text);

    /** Sends a binary message to every open member. */
    void send(byte[] data);

    /** How many connections are members now. */
    int size();
}
