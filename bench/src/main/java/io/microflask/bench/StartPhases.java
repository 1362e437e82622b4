package io.microflask.bench;

import io.microflask.App;
import io.microflask.RunningServer;
import io.microflask.json.JsonExtension;

import java.lang.management.ManagementFactory;

/**
 * Where a microflask start-up goes: the JVM until {@code main}, logging, {@code new App()} (extension
 * discovery, and within it microflask-json's mapper), {@code register} and {@code start}.
 *
 * <p>{@code java -Dio.netty.jfr.enabled=false -cp benchmarks.jar io.microflask.bench.StartPhases}
 */
public final class StartPhases {
    private StartPhases() {
    }

    public static void main(String[] args) {
        long beforeMain = ManagementFactory.getRuntimeMXBean().getUptime();
        long t0 = System.nanoTime();
        org.slf4j.LoggerFactory.getLogger(StartPhases.class).debug("logging is set up");
        long t1 = System.nanoTime();
        new JsonExtension();
        long t2 = System.nanoTime();
        App app = new App();
        long t3 = System.nanoTime();
        app.register(new BenchApp());
        long t4 = System.nanoTime();
        try (RunningServer server = app.start("127.0.0.1", 0)) {
            long t5 = System.nanoTime();
            System.out.printf("JVM to main (and JMX)    %4d ms%n", beforeMain);
            System.out.printf("logging set-up           %4d ms%n", millis(t0, t1));
            System.out.printf("new JsonExtension()      %4d ms (Jackson with its modules)%n", millis(t1, t2));
            System.out.printf("new App() after that     %4d ms (extension discovery, the rest of the app)%n",
                    millis(t2, t3));
            System.out.printf("register                 %4d ms%n", millis(t3, t4));
            System.out.printf("start                    %4d ms (Netty, bind) on %s%n", millis(t4, t5), server.url());
        }
    }

    private static long millis(long from, long to) {
        return (to - from) / 1_000_000;
    }
}
