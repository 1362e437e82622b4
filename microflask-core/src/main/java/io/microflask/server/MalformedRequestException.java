package io.microflask.server;

/** A request head that Netty decoded but that is ambiguous or invalid HTTP/1.1 (answered 400). */
final class MalformedRequestException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    MalformedRequestException(String message) {
        super(message, null, false, false);
    }
}
