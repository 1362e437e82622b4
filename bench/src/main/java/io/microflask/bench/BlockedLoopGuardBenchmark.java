package io.microflask.bench;

import io.microflask.server.RequestService;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The cost of the blocked-loop guard on the fast path: the dispatch of an event-loop
 * ({@code @NonBlocking}) route on the calling thread, as {@link DispatchBenchmark#dispatch} measures it, with
 * the guard as it ships ({@code guardOn}) and with it compiled out by the internal switch
 * {@code -Dmicroflask.internal.noBlockedLoopGuard=true} ({@code guardOff}, its own forks). The target is
 * guardOn / guardOff under 1.02; {@code bench/jmh.sh} prints that ratio per endpoint. The guard's own
 * cost, a few nanoseconds, is smaller than this comparison's noise on a shared machine; {@code
 * io.microflask.dispatch.GuardFastPathBenchmark} measures it alone.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 2) // one core: the JIT shares it, and 3 s of warm-up left C2 unfinished
@Measurement(iterations = 5, time = 1)
public class BlockedLoopGuardBenchmark {
    @Param({"/el/plaintext", "/el/json", "/el/user/42"})
    public String path;

    private RequestService service;
    private ScheduledExecutorService timers;
    private List<String> segments;
    private final InetSocketAddress clientAddress = new InetSocketAddress("127.0.0.1", 40000);

    @Setup
    public void setUp() {
        timers = Executors.newSingleThreadScheduledExecutor();
        service = DispatchBenchmark.requestService();
        segments = DispatchBenchmark.segments(path);
    }

    @TearDown
    public void tearDown() {
        timers.shutdownNow();
    }

    @Benchmark
    @Fork(2)
    public int guardOn() {
        return DispatchBenchmark.dispatch(service, timers, path, segments, clientAddress);
    }

    @Benchmark
    @Fork(value = 2, jvmArgsAppend = "-Dmicroflask.internal.noBlockedLoopGuard=true")
    public int guardOff() {
        return DispatchBenchmark.dispatch(service, timers, path, segments, clientAddress);
    }
}
