package io.microflask.bench;

import io.microflask.server.BenchPipelines;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.HttpServerCodec;
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

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * A request's bytes in, the answer's bytes out, through a whole connection pipeline on Netty's
 * {@link EmbeddedChannel}: raw Netty's ({@code HttpServerCodec} and the load test's handler) against
 * microflask's (strict decoder, body receiver, WebSocket check, connection handler, an event-loop
 * route, encoder). This is the user-space CPU of a request without the socket, with far less noise
 * than a load test; {@code mf / raw} says how much of it is microflask's own.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 12, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class PipelineBenchmark {
    @Param({"/plaintext", "/json", "/user/42"})
    public String path;

    private EmbeddedChannel raw;
    private EmbeddedChannel microflask;
    private ByteBuf rawRequest;
    private ByteBuf microflaskRequest;

    @Setup
    public void setUp() {
        raw = new EmbeddedChannel(new HttpServerCodec(), new RawNettyServer.HelloHandler());
        microflask = BenchPipelines.microflask(DispatchBenchmark.requestService());
        rawRequest = request(path);
        microflaskRequest = request("/el" + path);
    }

    /** What wrk sends. */
    private static ByteBuf request(String path) {
        byte[] bytes = ("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1:8080\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        return Unpooled.unreleasableBuffer(Unpooled.directBuffer(bytes.length).writeBytes(bytes));
    }

    @TearDown
    public void tearDown() {
        raw.finishAndReleaseAll();
        microflask.finishAndReleaseAll();
    }

    @Benchmark
    public int raw() {
        return exchange(raw, rawRequest);
    }

    @Benchmark
    public int microflask() {
        return exchange(microflask, microflaskRequest);
    }

    /** Feeds one request and releases the answer; returns the answer's length. */
    private static int exchange(EmbeddedChannel channel, ByteBuf request) {
        channel.writeInbound(request.duplicate());
        int length = 0;
        ByteBuf out;
        while ((out = channel.readOutbound()) != null) {
            length += out.readableBytes();
            out.release();
        }
        if (length == 0) {
            throw new IllegalStateException("no answer");
        }
        return length;
    }
}
