package io.microflask.spi;

import io.microflask.RunningServer;

/** Told when a server of the app starts and stops; devtools starts its watcher here. */
public interface LifecycleListener {

    /** After the server is bound, before {@code run} blocks. */
    default void started(RunningServer server) {
    }

    /** When the server begins to shut down. */
    default void stopping() {
    }
}
