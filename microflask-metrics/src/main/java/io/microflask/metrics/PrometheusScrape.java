package io.microflask.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

/**
 * Everything that names Prometheus' registry, in one class that {@link MetricsExtension} uses only
 * once it has found {@code micrometer-registry-prometheus} on the class path (an optional
 * dependency of this module): loading this class without it would fail.
 */
final class PrometheusScrape {
    private PrometheusScrape() {
    }

    /** A new Prometheus registry; only with Prometheus on the class path. */
    static MeterRegistry newRegistry() {
        return new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    }

    /** Whether {@code registry} can be scraped; only with Prometheus on the class path. */
    static boolean isPrometheus(MeterRegistry registry) {
        return registry instanceof PrometheusMeterRegistry;
    }

    /** The registry's meters in Prometheus' text format; only when {@link #isPrometheus}. */
    static String scrape(MeterRegistry registry) {
        return ((PrometheusMeterRegistry) registry).scrape();
    }
}
