/**
 * microflask-metrics: request and server metrics with Micrometer ({@link io.microflask.metrics.MetricsExtension}),
 * through core's {@code spi.ServerObserver}; a Prometheus scrape endpoint when
 * {@code micrometer-registry-prometheus} is on the class path. Uses only core's public API and SPI.
 */
package io.microflask.metrics;
