/**
 * What the TechEmpower apps of {@code bench/} share below the web layer: the {@link io.microflask.bench.tfb.World}
 * and {@link io.microflask.bench.tfb.Fortune} rows, their queries over one HikariCP pool
 * ({@link io.microflask.bench.tfb.TfbDatabase}), and the rule for the {@code queries} argument
 * ({@link io.microflask.bench.tfb.Queries}).
 */
package io.microflask.bench.tfb;
