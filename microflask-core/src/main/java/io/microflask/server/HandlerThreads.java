package io.microflask.server;

import java.util.concurrent.Executor;

/**
 * Where a connection's work runs off the event loop.
 *
 * @param requests  handlers (routing, the handler method, writing its result)
 * @param streams   streamed bodies, apart from the handlers so that slow readers cannot starve them
 * @param inProcess whether this is the in-process exchange, where {@code requests} stands for the
 *                  event loop too (everything runs on the caller's thread, in order)
 */
record HandlerThreads(Executor requests, Executor streams, boolean inProcess) {

    /** Threads for a socket's connections. */
    HandlerThreads(Executor requests, Executor streams) {
        this(requests, streams, false);
    }
}
