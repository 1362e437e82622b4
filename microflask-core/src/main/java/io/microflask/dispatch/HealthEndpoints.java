package io.microflask.dispatch;

import io.microflask.ReadinessCheck;
import io.microflask.Response;
import io.microflask.Settings;
import io.microflask.server.Exchange;
import io.microflask.server.IncomingRequest;
import io.microflask.util.Fatal;
import io.microflask.util.JsonString;
import io.microflask.util.LogSafe;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The liveness and readiness endpoints ({@link Settings#healthPath()}, {@link Settings#readinessPath()}).
 * They are answered before routing, so no hook, handler or extension filter stands between a
 * probe and its answer (a login hook must not make an orchestrator think the app is down), and
 * the answer never depends on what the app registered there. Liveness answers on the event loop;
 * readiness runs the app's checks on a handler thread, since they may block.
 */
final class HealthEndpoints {
    private static final Logger log = LoggerFactory.getLogger(HealthEndpoints.class);

    private record NamedCheck(String name, ReadinessCheck check) {
    }

    private final Settings settings;
    private final CopyOnWriteArrayList<NamedCheck> checks = new CopyOnWriteArrayList<>();
    /** The last outcome of each check, so that a failing one is logged when it starts failing, not per probe. */
    private final ConcurrentMap<String, Boolean> lastUp = new ConcurrentHashMap<>();
    private volatile boolean draining;

    HealthEndpoints(Settings settings) {
        this.settings = settings;
    }

    /** Adds a readiness check; a second check of the same name is an {@link IllegalArgumentException}. */
    synchronized void add(String name, ReadinessCheck check) {
        if (name == null || name.isBlank() || check == null) {
            throw new IllegalArgumentException("readinessCheck(name, check) needs a name and a check, got "
                    + (name == null ? "null" : "'" + name + "'") + " and " + check);
        }
        for (NamedCheck existing : checks) {
            if (existing.name().equals(name)) {
                throw new IllegalArgumentException("a readiness check named '" + name + "' exists already; "
                        + "give each check its own name");
            }
        }
        checks.add(new NamedCheck(name, check));
    }

    /** The server began to drain: readiness answers 503 from now on. */
    void draining() {
        draining = true;
    }

    /** The probe this request is, or {@code null} for any other request. */
    Exchange match(IncomingRequest request) {
        String method = request.message().method().name();
        if (!method.equals("GET") && !method.equals("HEAD")) {
            return null;
        }
        String path = request.path();
        if (path.equals(settings.healthPath())) {
            return new Probe(path, true, this::liveness);
        }
        if (path.equals(settings.readinessPath())) {
            return new Probe(path, checks.isEmpty() || draining, this::readiness);
        }
        return null;
    }

    private Response liveness() {
        return json(200, "{\"status\":\"up\"}");
    }

    private Response readiness() {
        if (draining) {
            return json(503, "{\"status\":\"draining\"}");
        }
        StringBuilder results = new StringBuilder("{");
        boolean ready = true;
        for (NamedCheck named : checks) {
            boolean up = run(named);
            ready &= up;
            if (results.length() > 1) {
                results.append(',');
            }
            JsonString.appendQuoted(results, named.name());
            results.append(up ? ":\"up\"" : ":\"down\"");
        }
        results.append('}');
        return json(ready ? 200 : 503, "{\"status\":\"" + (ready ? "ready" : "not ready") + "\",\"checks\":"
                + results + "}");
    }

    /** Runs one check; why it failed goes to the log, never into the answer (probes may be public). */
    private boolean run(NamedCheck named) {
        Throwable failure = null;
        try {
            named.check().check();
        } catch (Throwable thrown) {
            Fatal.rethrowIfFatal(thrown);
            failure = thrown;
        }
        boolean up = failure == null;
        Boolean before = lastUp.put(named.name(), up);
        if (!up && !Boolean.FALSE.equals(before)) {
            log.warn("readiness check '{}' fails, so readiness answers 503: {}", LogSafe.text(named.name()),
                    LogSafe.text(failure), failure);
        } else if (up && Boolean.FALSE.equals(before)) {
            log.info("readiness check '{}' passes again", LogSafe.text(named.name()));
        }
        return up;
    }

    private static Response json(int status, String body) {
        return new Response(status).contentType("application/json").header("Cache-Control", "no-store")
                .body(body.getBytes(StandardCharsets.UTF_8));
    }

    /** A probe's exchange: answered by {@code answer}, on the event loop or a handler thread. */
    private static final class Probe implements Exchange {
        private final String path;
        private final boolean onEventLoop;
        private final Supplier<Response> answer;

        Probe(String path, boolean onEventLoop, Supplier<Response> answer) {
            this.path = path;
            this.onEventLoop = onEventLoop;
            this.answer = answer;
        }

        @Override
        public boolean onEventLoop() {
            return onEventLoop;
        }

        @Override
        public void run(Executor continueOn, ScheduledExecutorService timers, Consumer<Response> answered) {
            answered.accept(answer.get());
        }

        @Override
        public void cancel() {
            // Nothing is pending: a probe is answered in one step.
        }

        @Override
        public String routePattern() {
            return path;
        }
    }
}
