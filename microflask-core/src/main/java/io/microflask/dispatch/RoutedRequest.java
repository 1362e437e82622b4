package io.microflask.dispatch;

import io.microflask.HttpException;
import io.microflask.Request;
import io.microflask.Response;
import io.microflask.routing.Router;
import io.microflask.server.Exchange;
import io.microflask.util.Fatal;
import org.slf4j.MDC;

import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * One request after routing, answered where its route runs: on the event loop for a
 * {@code @NonBlocking} route, on a handler thread otherwise. A handler that returns a
 * {@link CompletionStage} is answered when the stage completes (its value written as a direct
 * return value would be, its failure through the error handlers), or 503 after
 * {@code settings().asyncTimeout()}; the stage is cancelled if the client leaves first.
 */
final class RoutedRequest implements Exchange {
    /** The MDC key of the request id while the handler, its hooks and its continuation run. */
    static final String MDC_KEY = "requestId";
    private final RequestLifecycle lifecycle;
    private final RequestContext context;
    private final Request request;
    private final Routes routes;
    private final Router.Match<PreparedRoute> match;
    private final PreparedRoute route;
    private final AtomicBoolean answered = new AtomicBoolean();
    private Object[] arguments;
    private volatile CompletableFuture<?> pending;

    RoutedRequest(RequestLifecycle lifecycle, RequestContext context, Request request, Routes routes,
                  Router.Match<PreparedRoute> match, PreparedRoute route) {
        this.lifecycle = lifecycle;
        this.context = context;
        this.request = request;
        this.routes = routes;
        this.match = match;
        this.route = route;
    }

    @Override
    public String routePattern() {
        return route == null ? null : route.info().pattern();
    }

    @Override
    public boolean onEventLoop() {
        return route != null && route.nonBlocking();
    }

    @Override
    public void run(Executor continueOn, ScheduledExecutorService timers, Consumer<Response> answer) {
        Object token = guarded() ? guard().enter(route.handlerName()) : null;
        MDC.put(MDC_KEY, request.requestId());
        try {
            Object result;
            try {
                result = lifecycle.beforeAndCall(this);
            } catch (Throwable thrown) {
                Fatal.rethrowIfFatal(thrown);
                deliver(answer, lifecycle.fail(this, thrown), thrown);
                return;
            }
            if (result instanceof CompletionStage<?> stage) {
                await(stage, continueOn, timers, answer);
                return;
            }
            complete(result, null, true, answer);
        } finally {
            MDC.remove(MDC_KEY);
            if (token != null) {
                guard().exit(token);
            }
        }
    }

    /** Whether the blocked-loop guard watches this request's handler: an event-loop route, the guard on. */
    private boolean guarded() {
        return BlockedLoopGuard.ENABLED && onEventLoop();
    }

    private BlockedLoopGuard guard() {
        return lifecycle.guard();
    }

    private void await(CompletionStage<?> stage, Executor continueOn, ScheduledExecutorService timers,
                       Consumer<Response> answer) {
        CompletableFuture<?> future = stage.toCompletableFuture();
        pending = future;
        long timeoutMillis = context.app().settings().asyncTimeout().toMillis();
        ScheduledFuture<?> timeout = timers.schedule(() -> {
            HttpException late = new HttpException(503, route.handlerName() + " did not answer within "
                    + "settings().asyncTimeout() (" + timeoutMillis + " ms); try again in a moment.");
            resume(continueOn, () -> complete(null, late, false, answer));
            future.cancel(true);
        }, timeoutMillis, TimeUnit.MILLISECONDS);
        future.whenComplete((value, failure) -> {
            timeout.cancel(false);
            resume(continueOn, () -> complete(value, unwrap(failure), false, answer));
        });
    }

    /** Runs the second half once, where the route runs. */
    private void resume(Executor continueOn, Runnable step) {
        if (!answered.compareAndSet(false, true)) {
            return;
        }
        Runnable withId = () -> {
            MDC.put(MDC_KEY, request.requestId());
            try {
                step.run();
            } finally {
                MDC.remove(MDC_KEY);
            }
        };
        Runnable guarded = guarded() ? () -> {
            Object token = guard().enter(route.handlerName());
            try {
                withId.run();
            } finally {
                guard().exit(token);
            }
        } : withId;
        try {
            continueOn.execute(guarded);
        } catch (RejectedExecutionException busy) {
            guarded.run();
        }
    }

    private void complete(Object value, Throwable failure, boolean declaredKind, Consumer<Response> answer) {
        Response response;
        if (failure != null) {
            response = lifecycle.fail(this, failure);
        } else {
            try {
                response = lifecycle.write(this, value, declaredKind);
            } catch (Throwable thrown) {
                Fatal.rethrowIfFatal(thrown);
                failure = thrown;
                response = lifecycle.fail(this, thrown);
            }
        }
        deliver(answer, response, failure);
    }

    private void deliver(Consumer<Response> answer, Response response, Throwable failure) {
        answer.accept(lifecycle.finish(this, response, failure));
    }

    private static Throwable unwrap(Throwable failure) {
        if (failure instanceof CompletionException && failure.getCause() != null) {
            return failure.getCause();
        }
        if (failure instanceof CancellationException) {
            return new HttpException(503, "The answer was cancelled: the client left before it was ready.");
        }
        return failure;
    }

    @Override
    public void cancel() {
        CompletableFuture<?> future = pending;
        if (future != null) {
            future.cancel(true);
        }
    }

    RequestContext context() {
        return context;
    }

    Request request() {
        return request;
    }

    Routes routes() {
        return routes;
    }

    Router.Match<PreparedRoute> match() {
        return match;
    }

    PreparedRoute preparedRoute() {
        return route;
    }

    Object[] arguments() {
        return arguments;
    }

    void arguments(Object[] arguments) {
        this.arguments = arguments;
    }
}
