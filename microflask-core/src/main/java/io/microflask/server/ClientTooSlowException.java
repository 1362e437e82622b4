package io.microflask.server;

/** Marks a request whose head or body arrived too slowly, so that it is answered 408 in its turn. */
final class ClientTooSlowException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    ClientTooSlowException(String message) {
        super(message, null, false, false);
    }
}
