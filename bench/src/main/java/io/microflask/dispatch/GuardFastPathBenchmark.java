package io.microflask.dispatch;

import io.microflask.Settings;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

/**
 * What the blocked-loop guard adds to each event-loop request, alone: one {@code enter} and one
 * {@code exit}, as {@code RoutedRequest.run} calls them around a {@code @NonBlocking} handler. It lives in
 * the guard's package (in bench/, not in core) because the guard is internal. A few nanoseconds are
 * resolved here more reliably than by {@code BlockedLoopGuardBenchmark}'s comparison of whole dispatches
 * in separate JVMs, whose run-to-run noise on a shared machine is larger than the guard.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(2)
public class GuardFastPathBenchmark {
    private BlockedLoopGuard guard;

    @Setup
    public void setUp() {
        guard = new BlockedLoopGuard(new AppRuntime(new Settings(), GuardFastPathBenchmark.class.getClassLoader()));
    }

    @Benchmark
    public Object enterExit() {
        Object token = guard.enter("BenchApp.plaintext()");
        guard.exit(token);
        return token;
    }
}
