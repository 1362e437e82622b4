/** Checks a TechEmpower app before {@code bench/tfb.sh} loads it: {@link io.microflask.bench.tfb.verify.TfbVerifier}. */
package io.microflask.bench.tfb.verify;
