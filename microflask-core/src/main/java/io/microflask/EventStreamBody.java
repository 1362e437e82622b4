package io.microflask;

/**
 * Starts an {@link EventStream}: called once, after the status and headers have gone out, on a
 * thread of its own that it should return from soon; the stream stays open until it is closed or
 * the client goes away.
 */
@FunctionalInterface
public interface EventStreamBody {

    /** Keeps {@code events} where the code that sends later can find it, and may send at once. */
    void opened(EventStream events) throws Exception;
}
