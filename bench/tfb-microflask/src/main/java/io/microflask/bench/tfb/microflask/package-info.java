/** TechEmpower's test types on microflask, for {@code bench/tfb.sh}: {@link io.microflask.bench.tfb.microflask.TfbMicroflask}. */
package io.microflask.bench.tfb.microflask;
