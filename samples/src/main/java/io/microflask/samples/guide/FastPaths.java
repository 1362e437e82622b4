package io.microflask.samples.guide;

import io.microflask.NonBlocking;
import io.microflask.Route;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.ForkJoinPool;

/** The guide's handlers that choose where they run: on the event loop, or answered later. */
public class FastPaths {
    private final Reports reports = new Reports();
    private final Executor executor = ForkJoinPool.commonPool();

    /** What a report says; a record, so microflask-json writes it as JSON. */
    public record Report(String title, List<String> lines) {
    }

    /** Builds reports; slow enough that a handler should not wait for it on its own thread. */
    public static class Reports {
        /** A report of the day. */
        public Report build() {
            return new Report("daily", List.of("all systems normal"));
        }
    }

    /** Only computes: the fast path, on the event loop. */
    @NonBlocking
    @Route("/plaintext")
    public String plaintext() {
        return "Hello, World!";
    }

    /** Answered when the report is ready, without a thread waiting for it. */
    @Route("/report")                                   // either kind may answer later
    public CompletionStage<Report> report() {
        return CompletableFuture.supplyAsync(reports::build, executor);
    }
}
