package io.microflask.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.microflask.Request;
import io.microflask.Response;
import io.microflask.spi.Extension;
import io.microflask.spi.ExtensionRegistry;
import io.microflask.spi.ServerObserver;
import io.microflask.spi.ServerStats;

import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Request and server metrics with Micrometer, found on the class path like every extension.
 * It records:
 * <ul>
 *   <li>{@code http.server.requests}, a timer tagged {@code method} (the standard methods, others
 *       as {@code OTHER}), {@code route} (the route pattern, e.g. {@code /notes/<int:id>}, or
 *       {@code NONE} when no route matched: never the raw path, so a storm of random paths adds no
 *       series) and {@code status};</li>
 *   <li>{@code http.server.connections.open}, {@code http.server.requests.active} and
 *       {@code microflask.handler.queue.depth}, gauges of the running server;</li>
 *   <li>{@code microflask.connections.rejected}, a counter of connections refused over a cap.</li>
 * </ul>
 * The registry is a Prometheus one when {@code micrometer-registry-prometheus} is on the class
 * path, and then {@link #scrapePath()} ({@code /metrics}) answers in Prometheus' text format;
 * otherwise it is a {@link SimpleMeterRegistry}. {@code app.extension(MetricsExtension.class).registry(r)}
 * records into a registry of your own instead (set it before the server starts).
 */
public final class MetricsExtension implements Extension, ServerObserver {
    /** The route tag of a request no route matched (404, 405, a request the server refused). */
    public static final String NO_ROUTE = "NONE";
    private static final Set<String> METHODS = Set.of("GET", "HEAD", "POST", "PUT", "DELETE", "PATCH", "OPTIONS",
            "TRACE", "CONNECT");

    private record Key(String method, String route, int status) {
    }

    private static final boolean PROMETHEUS = prometheusPresent();

    private volatile MeterRegistry registry = PROMETHEUS ? PrometheusScrape.newRegistry() : new SimpleMeterRegistry();
    private final Map<Key, Timer> timers = new ConcurrentHashMap<>();
    private volatile Counter rejected;
    private volatile String scrapePath = "/metrics";

    /** Made by {@link java.util.ServiceLoader}, or by an app that installs it itself. */
    public MetricsExtension() {
    }

    private static boolean prometheusPresent() {
        try {
            Class.forName("io.micrometer.prometheusmetrics.PrometheusMeterRegistry", false,
                    MetricsExtension.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    @Override
    public String name() {
        return "microflask-metrics";
    }

    @Override
    public void install(ExtensionRegistry extensions) {
        extensions.addServerObserver(this);
        // Ahead of the app's own hooks, so that a login hook does not hide the scrape from Prometheus.
        extensions.addBeforeRequest(this::scrape, -1000);
    }

    /** The registry meters go to. */
    public MeterRegistry registry() {
        return registry;
    }

    /** Records into {@code registry} instead; before the server starts. */
    public MetricsExtension registry(MeterRegistry registry) {
        this.registry = Objects.requireNonNull(registry, "registry");
        timers.clear();
        rejected = null;
        return this;
    }

    /**
     * Where Prometheus scrapes, {@code /metrics} by default; answered only when the registry is a
     * Prometheus one. It is as public as the app: restrict it (a hook, the network, a port Prometheus
     * alone reaches) where route names and traffic are not for everyone.
     */
    public String scrapePath() {
        return scrapePath;
    }

    /** Sets the scrape path; {@code null} turns the endpoint off. */
    public MetricsExtension scrapePath(String path) {
        if (path != null && !path.startsWith("/")) {
            throw new IllegalArgumentException("scrapePath must start with '/', got '" + path + "'");
        }
        this.scrapePath = path;
        return this;
    }

    private Response scrape(Request request) {
        String path = scrapePath;
        if (path == null || !path.equals(request.path()) || !PROMETHEUS
                || !PrometheusScrape.isPrometheus(registry)) {
            return null;
        }
        return new Response(200).contentType("text/plain; version=0.0.4; charset=utf-8")
                .header("Cache-Control", "no-store").body(PrometheusScrape.scrape(registry));
    }

    @Override
    public void requestAnswered(String method, String routePattern, int status, long durationNanos) {
        String methodTag = METHODS.contains(method) ? method : "OTHER";
        Key key = new Key(methodTag, routePattern == null ? NO_ROUTE : routePattern, status);
        Timer timer = timers.get(key);
        if (timer == null) {
            timer = timers.computeIfAbsent(key, k -> Timer.builder("http.server.requests")
                    .description("Requests answered, by route pattern, method and status")
                    .tags("method", k.method(), "route", k.route(), "status", Integer.toString(k.status()))
                    .register(registry));
        }
        timer.record(durationNanos, TimeUnit.NANOSECONDS);
    }

    @Override
    public void connectionRejected() {
        Counter counter = rejected;
        if (counter == null) {
            counter = rejectedCounter(registry);
        }
        counter.increment();
    }

    @Override
    public void serverStarted(ServerStats stats) {
        MeterRegistry target = registry;
        Gauge.builder("http.server.connections.open", stats, ServerStats::openConnections)
                .description("Connections open now").strongReference(true).register(target);
        Gauge.builder("http.server.requests.active", stats, ServerStats::requestsInFlight)
                .description("Requests being handled or written now").strongReference(true).register(target);
        Gauge.builder("microflask.handler.queue.depth", stats, ServerStats::handlerQueueDepth)
                .description("Handler tasks waiting for a pool thread (0 on virtual threads)")
                .strongReference(true).register(target);
        // Registered at zero, so that it is scraped before the first refusal.
        rejectedCounter(target);
    }

    private Counter rejectedCounter(MeterRegistry target) {
        Counter counter = Counter.builder("microflask.connections.rejected")
                .description("Connections refused over maxConnections or maxConnectionsPerAddress").register(target);
        rejected = counter;
        return counter;
    }
}
