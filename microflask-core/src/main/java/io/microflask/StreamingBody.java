package io.microflask;

/**
 * A body written while the answer is being sent, for server-sent events and other long or
 * generated bodies: {@code Response.stream("text/event-stream", out -> ...)}. It runs on the
 * request's handler thread (never the event loop) after the status and headers have gone out;
 * when it returns, the body ends.
 */
@FunctionalInterface
public interface StreamingBody {

    /**
     * Writes the body. An exception ends the connection (the status was already sent, so there is
     * no error page); an {@link java.io.IOException} from {@code out} means the client has gone.
     */
    void writeTo(ResponseStream out) throws Exception;
}
