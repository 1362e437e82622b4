package io.microflask.server;

import io.microflask.Response;

import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Consumer;

/**
 * A routed request, ready to be answered: the server asks where it runs, runs it there and is
 * told the answer, once.
 */
public interface Exchange {

    /** Whether it runs inline on the event loop (a non-blocking route) rather than on a handler thread. */
    boolean onEventLoop();

    /**
     * Answers the request: {@code answered} is called exactly once, on any thread. An asynchronous
     * handler's continuation runs on {@code continueOn}; its timeout is timed on {@code timers}.
     */
    void run(Executor continueOn, ScheduledExecutorService timers, Consumer<Response> answered);

    /** The client went away: cancel what is still pending (an asynchronous result). */
    void cancel();

    /**
     * The pattern of the route that matched ({@code /notes/<int:id>}), or {@code null} when none
     * did: what the access log and metrics name a request by, never its raw path.
     */
    String routePattern();
}
