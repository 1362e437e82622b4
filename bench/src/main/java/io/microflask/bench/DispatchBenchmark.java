package io.microflask.bench;

import io.microflask.App;
import io.microflask.Settings;
import io.microflask.dispatch.AppRuntime;
import io.microflask.server.IncomingRequest;
import io.microflask.server.RequestService;
import io.microflask.Response;
import io.microflask.TestClient;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpVersion;
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

import java.net.InetSocketAddress;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Dispatch of one request to its handler and back to a {@link Response}, on the calling thread:
 * routing, binding, the call and the result writer (microflask-json for the records). This is
 * the framework's own work per request, without the socket or the thread hop: the benchmark
 * calls the {@link RequestService} the server is given, as the server does (an internal class,
 * which a benchmark of the framework itself may use). {@code inProcess} adds the HTTP codec and
 * the pipeline through {@link TestClient}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class DispatchBenchmark {
    @Param({"/plaintext", "/json", "/user/42"})
    public String path;

    private RequestService service;
    private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor();
    private TestClient client;
    private List<String> segments;
    private final InetSocketAddress client_address = new InetSocketAddress("127.0.0.1", 40000);

    @Setup
    public void setUp() {
        client = new App().register(new BenchApp()).testClient();
        service = requestService();
        segments = segments(path);
    }

    /** The dispatcher the server would be given for the bench app (both its default and its {@code /el} routes). */
    static RequestService requestService() {
        AppRuntime runtime = new AppRuntime(new Settings(), DispatchBenchmark.class.getClassLoader());
        runtime.discoverExtensions(DispatchBenchmark.class.getClassLoader());
        runtime.register(List.of(new BenchApp(), new BenchApp.EventLoop()));
        return runtime.requestService();
    }

    static List<String> segments(String path) {
        return List.copyOf(Arrays.asList(path.substring(1).split("/", -1)));
    }

    @Benchmark
    public int dispatch() {
        return dispatch(service, timers, path, segments, client_address);
    }

    /** One request through {@code service} on the calling thread; returns the body's length. */
    static int dispatch(RequestService service, ScheduledExecutorService timers, String path, List<String> segments,
                        InetSocketAddress client_address) {
        FullHttpRequest message = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, path,
                Unpooled.EMPTY_BUFFER);
        IncomingRequest request = new IncomingRequest(message, path, path, segments, "", client_address, "http",
                "localhost");
        Response[] answered = new Response[1];
        // On the calling thread: run and continue inline, as the event loop does for @NonBlocking routes.
        service.route(request).run(Runnable::run, timers, response -> answered[0] = response);
        Response response = answered[0];
        int length = response.bodyBuffer().readableBytes();
        response.releaseBody();
        return length;
    }

    @Benchmark
    public int inProcess() {
        return client.get(path).body().length;
    }
}
