package io.microflask.run;

import io.microflask.ServerStartException;
import io.microflask.App;
import io.microflask.Route;

/**
 * The samples' main in miniature, run as a child JVM: overrides from args and environment, a
 * start failure becomes its message and exit code 1. {@code /slow} takes a second, to be in
 * flight when the test stops the process.
 */
public final class SampleMain {

    public static class Handlers {
        @Route("/")
        public String index() {
            return "hello";
        }

        @Route("/slow")
        public String slow() throws InterruptedException {
            System.out.println("slow request started");
            System.out.flush();
            Thread.sleep(1000);
            return "slow done";
        }
    }

    public static void main(String[] args) {
        try {
            // Port 0 unless the test passes --port or MICROFLASK_PORT: never a fixed port.
            App.withoutExtensionDiscovery().register(new Handlers()).run(args, "127.0.0.1", 0, false);
        } catch (ServerStartException | IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(1);
        }
    }
}
