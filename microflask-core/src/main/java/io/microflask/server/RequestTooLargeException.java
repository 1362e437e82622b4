package io.microflask.server;

/** Marks a request whose body is over the limit, so that it is answered 413 in its turn. */
final class RequestTooLargeException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    RequestTooLargeException(long limit) {
        super("request body is larger than the limit of " + limit + " bytes", null, false, false);
    }
}
