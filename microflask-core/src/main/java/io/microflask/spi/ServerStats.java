package io.microflask.spi;

/** A running server's live counts, cheap to read from any thread ({@link ServerObserver#serverStarted}). */
public interface ServerStats {

    /** Connections open now, refused ones included until they close. */
    int openConnections();

    /** Requests being handled or written now. */
    int requestsInFlight();

    /**
     * Handler tasks waiting for a thread of the bounded pool (Java 17-20, {@code workerQueue});
     * always 0 on virtual threads, which never queue.
     */
    int handlerQueueDepth();
}
