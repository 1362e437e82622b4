package io.microflask.bench;

import com.fasterxml.jackson.databind.ObjectWriter;
import io.microflask.Response;
import io.microflask.json.JsonExtension;
import io.microflask.spi.ErrorRenderer;
import io.microflask.RequestHooks;
import io.microflask.spi.ExtensionContext;
import io.microflask.spi.ExtensionRegistry;
import io.microflask.spi.LifecycleListener;
import io.microflask.spi.ParameterResolver;
import io.microflask.spi.ResponseFilter;
import io.microflask.spi.ResultWriter;
import io.microflask.spi.ServerObserver;
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

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * JSON writing: microflask-json's result writer (Jackson straight into a pooled buffer that becomes
 * the response body) against plain Jackson {@code writeValueAsBytes} with the same mapper, for the
 * bench app's message and for a list of records with a timestamp and tags.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class JsonBenchmark {
    @Param({"message", "list50"})
    public String payload;

    public record Note(long id, String title, String body, List<String> tags, Instant created) {
    }

    private Object value;
    private ResultWriter writer;
    private ObjectWriter jackson;

    @Setup
    public void setUp() {
        if (payload.equals("message")) {
            value = new BenchApp.Message("Hello, World!");
        } else {
            List<Note> notes = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                notes.add(new Note(i, "Note " + i, "Some text with \"quotes\" and ünïcödé " + i,
                        List.of("work", "tag" + i), Instant.ofEpochSecond(1_700_000_000L + i)));
            }
            value = notes;
        }
        JsonExtension json = new JsonExtension();
        WriterCapture capture = new WriterCapture();
        json.install(capture);
        writer = capture.writer;
        jackson = json.mapper().writer();
    }

    @Benchmark
    public int microflaskJson() throws Exception {
        Response response = writer.write(value, null);
        int length = response.bodyBuffer().readableBytes();
        response.releaseBody();
        return length;
    }

    @Benchmark
    public int jacksonBytes() throws Exception {
        return jackson.writeValueAsBytes(value).length;
    }

    /** Installs the extension as an app would, keeping the result writer it adds and ignoring the rest. */
    private static final class WriterCapture implements ExtensionRegistry {
        private ResultWriter writer;

        @Override
        public ExtensionContext app() {
            throw new UnsupportedOperationException("microflask-json does not use the app when it installs");
        }

        @Override
        public void addResultWriter(ResultWriter resultWriter, int order) {
            this.writer = resultWriter;
        }

        @Override
        public void addParameterResolver(ParameterResolver resolver, int order) {
        }

        @Override
        public void addErrorRenderer(ErrorRenderer renderer, int order) {
        }

        @Override
        public void addResponseFilter(ResponseFilter filter, int order) {
        }

        @Override
        public void addBeforeRequest(RequestHooks.Before hook, int order) {
        }

        @Override
        public void addLifecycleListener(LifecycleListener listener) {
        }

        @Override
        public void addServerObserver(ServerObserver observer) {
        }

        @Override
        public void describeProvidedParameter(String description) {
        }

        @Override
        public void providesDebugTools() {
        }

        @Override
        public int defaultOrder() {
            return 0;
        }
    }
}
