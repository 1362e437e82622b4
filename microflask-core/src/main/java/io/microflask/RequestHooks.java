package io.microflask;

/**
 * The types of request hooks registered in code ({@link App#beforeRequest},
 * {@link App#afterRequest}, {@link App#teardownRequest}); annotated methods
 * ({@link BeforeRequest}, {@link AfterRequest}, {@link TeardownRequest}) are adapted to the same
 * types. App-wide hooks run before prefix-local ones, and after-request and teardown hooks run in
 * the reverse order, as in Flask.
 */
public final class RequestHooks {
    private RequestHooks() {
    }

    /** Runs before the handler; a non-null result answers the request instead of the handler. */
    @FunctionalInterface
    public interface Before {
        /** The answer to send instead of the handler's (any value a handler may return), or {@code null} to go on. */
        Object before(Request request) throws Exception;
    }

    /** Runs after the handler; returns the response to send (the one given, changed, or another). */
    @FunctionalInterface
    public interface After {
        /** The response to send: {@code response} itself, changed, or another one. */
        Response after(Request request, Response response) throws Exception;
    }

    /** Runs when the request ends, with what the handler threw, or {@code null}. */
    @FunctionalInterface
    public interface Teardown {
        /** Releases what the request held; what it throws is logged and ignored. */
        void teardown(Request request, Throwable failure) throws Exception;
    }
}
