package io.microflask;

import io.microflask.testsupport.LogCapture;
import io.microflask.testsupport.RunningApp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Event-loop handlers ({@code @NonBlocking}) and asynchronous results, beside default handlers. */
class NonBlockingHandlersTest {
    private static final CountDownLatch cancelled = new CountDownLatch(1);

    /** The same routes, once on the event loop and once on handler threads. */
    public abstract static class Routes {
        @Route("/users/<int:id>")
        public String user(int id, @Query(defaultValue = "plain") String style, Request request) {
            return "user " + id + " " + style + " " + request.attribute("seen") + " on " + thread();
        }

        @Route("/n/<int:i>")
        public String number(int i) {
            return Integer.toString(i);
        }

        @Route("/missing")
        public String missing() {
            throw new HttpException(404, "no such thing");
        }

        @Route("/count")
        public String count(Session session) {
            long visits = session.getLong("visits", 0) + 1;
            session.put("visits", visits);
            return "visits " + visits;
        }

        @Route("/later")
        public CompletionStage<String> later() {
            CompletableFuture<String> answer = new CompletableFuture<>();
            new Thread(() -> answer.complete("later, from " + Thread.currentThread().getName()), "completer")
                    .start();
            return answer;
        }

        @Route("/fails")
        public CompletionStage<String> fails() {
            return CompletableFuture.failedFuture(new IllegalStateException("async failure"));
        }

        @Route("/never")
        public CompletionStage<String> never() {
            CompletableFuture<String> answer = new CompletableFuture<>();
            answer.whenComplete((value, failure) -> {
                if (answer.isCancelled()) {
                    cancelled.countDown();
                }
            });
            return answer;
        }

        @BeforeRequest
        public void mark(Request request) {
            request.attribute("seen", "hooked");
        }

        @AfterRequest
        public void stamp(Response response) {
            response.header("X-Ran-On", thread());
        }

        @ErrorHandler(status = 404)
        public Response notFound(String message) {
            return Response.text("custom 404: " + message).status(404);
        }

        private static String thread() {
            return Thread.currentThread().getName().contains("handler") ? "handler" : "loop";
        }
    }

    /** On the event loop. */
    @NonBlocking
    @Route("/fast")
    public static class Fast extends Routes {
    }

    /** On handler threads. */
    @Route("/slow")
    public static class Slow extends Routes {
    }

    public static class Blocker {
        @NonBlocking
        @Route("/sleeps")
        public String sleeps() throws InterruptedException {
            Thread.sleep(300);
            return "slept";
        }

        @NonBlocking
        @Route("/quick")
        public String quick() {
            return "quick";
        }
    }

    @RegisterExtension
    static final RunningApp server = RunningApp.of(() -> {
        App app = new App().register(new Fast(), new Slow(), new Blocker());
        app.settings().secretKey("a test key that is long enough to sign sessions")
                .asyncTimeout(Duration.ofMillis(500)).blockedLoopThreshold(Duration.ofMillis(100))
                .useVirtualThreads(false);
        return app;
    });

    private static String get(String path) throws Exception {
        try (RawHttp http = new RawHttp(server.port())) {
            http.send("GET " + path + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
            return http.readUntilClosed();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"/fast", "/slow"})
    void bothKindsAnswerTheSame(String prefix) throws Exception {
        String where = prefix.equals("/fast") ? "loop" : "handler";
        String user = get(prefix + "/users/42?style=bold");
        assertTrue(user.startsWith("HTTP/1.1 200"), user);
        assertTrue(user.endsWith("user 42 bold hooked on " + where), user);
        assertTrue(user.contains("X-Ran-On: " + where), user);

        String missing = get(prefix + "/missing");
        assertTrue(missing.startsWith("HTTP/1.1 404"), missing);
        assertTrue(missing.endsWith("custom 404: no such thing"), missing);

        String badId = get(prefix + "/users/abc");
        assertTrue(badId.startsWith("HTTP/1.1 404"), badId);

        TestClient client = server.app().testClient();
        assertEquals("visits 1", client.get(prefix + "/count").text());
        assertEquals("visits 2", client.get(prefix + "/count").text());
    }

    @ParameterizedTest
    @ValueSource(strings = {"/fast", "/slow"})
    void anAsyncResultIsWrittenWhenItCompletes(String prefix) throws Exception {
        String later = get(prefix + "/later");
        assertTrue(later.startsWith("HTTP/1.1 200"), later);
        assertTrue(later.contains("later, from completer"), later);
        assertTrue(later.contains("X-Ran-On: " + (prefix.equals("/fast") ? "loop" : "handler")), later);
        assertEquals("later, from completer", server.app().testClient().get(prefix + "/later").text());
    }

    @ParameterizedTest
    @ValueSource(strings = {"/fast", "/slow"})
    void anAsyncFailureGoesThroughTheErrorPath(String prefix) throws Exception {
        try (LogCapture log = LogCapture.of("io.microflask")) {
            String fails = get(prefix + "/fails");
            assertTrue(fails.startsWith("HTTP/1.1 500"), fails);
            assertFalse(fails.contains("async failure"), "the production page leaks nothing");
            assertTrue(log.text().contains("async failure"), log.text());
        }
    }

    @Test
    void anAsyncResultThatNeverCompletesIs503AfterTheTimeout() throws Exception {
        String never = get("/slow/never");
        assertTrue(never.startsWith("HTTP/1.1 503"), never);
        assertTrue(never.contains("asyncTimeout"), never);
    }

    @Test
    void aClientThatLeavesCancelsTheAsyncResult() throws Exception {
        try (RawHttp http = new RawHttp(server.port())) {
            http.send("GET /fast/never HTTP/1.1\r\nHost: x\r\n\r\n");
        }
        assertTrue(cancelled.await(10, TimeUnit.SECONDS), "the pending stage was cancelled");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/fast", "/slow"})
    void pipelinedAtDepthSixteenInOrder(String prefix) throws Exception {
        StringBuilder requests = new StringBuilder();
        for (int i = 0; i < 16; i++) {
            requests.append("GET ").append(prefix).append("/n/").append(i).append(" HTTP/1.1\r\nHost: x\r\n\r\n");
        }
        try (RawHttp http = new RawHttp(server.port())) {
            String answers = http.send(requests.toString()).readResponses(16);
            int from = 0;
            for (int i = 0; i < 16; i++) {
                int at = answers.indexOf("\r\n\r\n" + i, from);
                assertTrue(at >= 0, "answer " + i + " in order: " + answers);
                from = at + 1;
            }
        }
    }

    @Test
    void bothKindsMixedInOnePipelineAnswerInOrder() throws Exception {
        // Event-loop answers wait unflushed for the next one; a handler-thread answer in between must
        // not hold them back, nor come out of order. Then the whole batch again, in a second read.
        StringBuilder requests = new StringBuilder();
        for (int i = 0; i < 24; i++) {
            String prefix = i % 3 == 2 ? "/slow" : "/fast";
            requests.append("GET ").append(prefix).append("/n/").append(i).append(" HTTP/1.1\r\nHost: x\r\n\r\n");
        }
        StringBuilder expected = new StringBuilder();
        try (RawHttp http = new RawHttp(server.port())) {
            for (int round = 1; round <= 2; round++) {
                String answers = http.send(requests.toString()).readResponses(24 * round);
                for (int i = 0; i < 24; i++) {
                    expected.append(i).append(',');
                }
                // Each body is its number; read them in the order the answers came.
                StringBuilder bodies = new StringBuilder();
                java.util.regex.Matcher body = java.util.regex.Pattern.compile("\r\n\r\n(\\d+)(?=HTTP/1\\.1|$)")
                        .matcher(answers);
                while (body.find()) {
                    bodies.append(body.group(1)).append(',');
                }
                assertEquals(expected.toString(), bodies.toString(), answers);
            }
        }
    }

    @Test
    void aHandlerThatBlocksTheLoopIsNamedWithItsStack() throws Exception {
        try (LogCapture log = LogCapture.of("io.microflask")) {
            assertTrue(get("/quick").endsWith("quick"));
            assertFalse(log.text().contains("blocking it"), log.text());
            assertTrue(get("/sleeps").endsWith("slept"));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (!log.text().contains("blocking it") && System.nanoTime() < deadline) {
                java.util.concurrent.locks.LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
            }
            String warning = log.text();
            assertTrue(warning.contains("Blocker.sleeps() has been running on event loop"), warning);
            assertTrue(warning.contains("java.lang.Thread.sleep"), warning);
            assertTrue(warning.contains("NonBlockingHandlersTest$Blocker.sleeps"), warning);
            assertTrue(warning.contains("settings().blockedLoopThreshold()"), warning);
        }
    }

    public static class UploadOnTheLoop {
        @NonBlocking
        @Route(value = "/upload", methods = "POST")
        public String upload(UploadedFile file) {
            return file.filename();
        }
    }

    @Test
    void registrationRefusesWhatCannotRunOnTheLoop() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new App().register(new UploadOnTheLoop()));
        assertTrue(e.getMessage().contains("UploadOnTheLoop.upload(UploadedFile) is @NonBlocking"), e.getMessage());
        assertTrue(e.getMessage().contains("remove @NonBlocking"), e.getMessage());
    }
}
