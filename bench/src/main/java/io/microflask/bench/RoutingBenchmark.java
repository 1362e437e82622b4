package io.microflask.bench;

import io.microflask.routing.Converters;
import io.microflask.routing.RoutePattern;
import io.microflask.routing.Router;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Route matching with 10, 100 and 1,000 routes. Target: 1,000 routes within 2x of 10 routes (the
 * trie's cost depends on the path, not on the route count).
 *
 * <p>The table is an API of the size given, a quarter each of four shapes a real app has:
 * {@code /api/r<i>}, {@code /api/r<i>/<int:id>}, {@code /api/r<i>/<int:id>/items/<name>} and
 * {@code /files<i>/<path:rest>}. Lookups hit a static route, a route with an int variable, a
 * deep route with two variables, and miss (404).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class RoutingBenchmark {
    @Param({"10", "100", "1000"})
    public int routes;

    private Router<String> router;
    private List<String> staticPath;
    private List<String> intPath;
    private List<String> deepPath;
    private List<String> missPath;

    @Setup
    public void setUp() {
        Converters converters = new Converters();
        router = new Router<>();
        int perShape = routes / 4;
        int added = 0;
        for (int i = 0; added < routes; i++) {
            added += add(converters, "/api/r" + i, added);
            if (added < routes) {
                added += add(converters, "/api/r" + i + "/<int:id>", added);
            }
            if (added < routes) {
                added += add(converters, "/api/r" + i + "/<int:id>/items/<name>", added);
            }
            if (added < routes) {
                added += add(converters, "/files" + i + "/<path:rest>", added);
            }
        }
        // Look up routes in the middle of the table, not the first one added.
        int middle = Math.max(0, perShape / 2);
        staticPath = List.of("api", "r" + middle);
        intPath = List.of("api", "r" + middle, "42");
        deepPath = List.of("api", "r" + middle, "42", "items", "book");
        missPath = List.of("api", "nowhere", "42");
    }

    private int add(Converters converters, String pattern, int index) {
        router.add(RoutePattern.parse(pattern, converters), "GET", "handler" + index);
        return 1;
    }

    @Benchmark
    public Object staticRoute() {
        return router.match("GET", staticPath);
    }

    @Benchmark
    public Object intVariable() {
        return router.match("GET", intPath);
    }

    @Benchmark
    public Object twoVariables() {
        return router.match("GET", deepPath);
    }

    @Benchmark
    public Object notFound() {
        return router.match("GET", missPath);
    }
}
