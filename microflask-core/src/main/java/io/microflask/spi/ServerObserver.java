package io.microflask.spi;

/**
 * Told what the server does, for metrics (microflask-metrics records them with Micrometer):
 * every answered request, every refused connection, and the server's live counts once it
 * starts. Called on the server's event loops: return quickly, never block, never throw.
 * Added with {@link ExtensionRegistry#addServerObserver(ServerObserver)}.
 */
public interface ServerObserver {

    /**
     * A request was answered (its answer is written or being written).
     *
     * @param method        the request's method, as sent (an observer bounds its variety itself)
     * @param routePattern  the pattern of the route that matched, e.g. {@code /notes/<int:id>};
     *                      {@code null} when none did (404, 405, a refused request): never the raw path
     * @param status        the answer's status
     * @param durationNanos from the request's arrival to its answer being handed to the socket
     */
    void requestAnswered(String method, String routePattern, int status, long durationNanos);

    /** A connection was refused: over {@code maxConnections} or {@code maxConnectionsPerAddress}. */
    default void connectionRejected() {
    }

    /** A server started; {@code stats} stays readable (as gauges) while it runs. */
    default void serverStarted(ServerStats stats) {
    }
}
