package io.microflask.run;

import io.microflask.App;

/** A ten-line app's main, run as a child JVM: it does not catch start failures. */
public final class UncaughtMain {
    public static void main(String[] args) {
        App.withoutExtensionDiscovery().register(new SampleMain.Handlers()).run(args, "127.0.0.1", 5000, false);
    }
}
