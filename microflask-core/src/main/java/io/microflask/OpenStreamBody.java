package io.microflask;

/**
 * Opens an {@link OpenStream}: called once, after the status and headers have gone out, on a
 * thread of its own that it should return from soon; the stream stays open until it is closed.
 */
@FunctionalInterface
public interface OpenStreamBody {

    /** Keeps {@code out} where the code that writes to it later can find it, and may write at once. */
    void opened(OpenStream out) throws Exception;
}
