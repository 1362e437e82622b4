/** TechEmpower's test types on Javalin, the peer in {@code bench/tfb.sh}: {@link io.microflask.bench.tfb.javalin.TfbJavalin}. */
package io.microflask.bench.tfb.javalin;
