package io.microflask.run;

import io.microflask.App;

/** A ten-line app's main, run as a child JVM: it does not catch start failures. */
public final class UncaughtMain {
    public static void main(String[] args) {
        // Port 0 unless the test passes --port or MICROFLASK_PORT: never a fixed port.
        App.withoutExtensionDiscovery().register(new SampleMain.Handlers()).run(args, "127.0.0.1", 0, false);
    }
}
