package io.microflask.server;

/**
 * The app's side of one accepted WebSocket connection, made by
 * {@link RequestService#webSocket(IncomingRequest)}. The server calls it one call at a time, in
 * the order things happened on the connection: {@link #opened} first, {@link #closed} last and
 * once. The calls run where {@link #nonBlocking()} says and never throw (a failure is the
 * endpoint's to log and to close the link for).
 */
public interface WebSocketEndpoint {

    /** The endpoint's route, for log lines (e.g. {@code "/ws/<room> (ChatSocket)"}). */
    String route();

    /** Whether its methods may run on the event loop; otherwise they run on handler threads. */
    boolean nonBlocking();

    /** The handshake was answered; {@code link} sends to the client. */
    void opened(WebSocketLink link);

    /** A whole text message arrived. */
    void text(String text);

    /** A whole binary message arrived. */
    void binary(byte[] data);

    /**
     * The connection ended: {@code code} is the close code of whichever side closed first (the
     * client's, or the server's when the client only answered it), else 1006 (no close frame);
     * {@code reason} may be empty.
     */
    void closed(int code, String reason);
}
