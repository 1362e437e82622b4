package io.microflask.server;

/** The server has no room for this request now (its body budget is spent): the answer is 503. */
final class ServerBusyException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    ServerBusyException(String message) {
        super(message, null, false, false);
    }
}
