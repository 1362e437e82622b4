package io.microflask.server;

import java.util.concurrent.Executor;

/**
 * Where a connection's work runs off the event loop.
 *
 * @param requests handlers (routing, the handler method, writing its result)
 * @param streams  streamed bodies, apart from the handlers so that slow readers cannot starve them
 */
record HandlerThreads(Executor requests, Executor streams) {
}
