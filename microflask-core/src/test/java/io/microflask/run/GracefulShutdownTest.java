package io.microflask.run;

import io.microflask.App;
import io.microflask.Route;
import io.microflask.RunningServer;
import io.microflask.server.NettyServer;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GracefulShutdownTest {

    public static class Slow {
        final CountDownLatch started = new CountDownLatch(1);

        @Route("/slow")
        public String slow() throws InterruptedException {
            started.countDown();
            Thread.sleep(1000);
            return "slow done";
        }
    }

    @Test
    void aSlowRequestInFlightDuringCloseCompletesWith200() throws Exception {
        Slow slow = new Slow();
        App app = App.withoutExtensionDiscovery().register(slow);
        app.settings().shutdownTimeout(Duration.ofSeconds(10));
        RunningServer server = app.start("127.0.0.1", 0);
        try {
            CompletableFuture<Response> answer = CompletableFuture.supplyAsync(
                    () -> given().baseUri(server.url()).when().get("/slow").andReturn());
            assertTrue(slow.started.await(10, TimeUnit.SECONDS), "the request never reached the handler");
            assertEquals(1, ((NettyServer) server).inFlight());
            server.close();
            Response response = answer.get(10, TimeUnit.SECONDS);
            assertEquals(200, response.statusCode());
            assertEquals("slow done", response.asString());
            // Closed means closed: no new connections.
            assertThrows(Exception.class, () -> given().baseUri(server.url()).when().get("/slow"));
        } finally {
            server.close();
        }
    }

    @Test
    void sigtermLetsTheRequestInFlightFinishThenExitsZero() throws Exception {
        try (ChildJvm child = ChildJvm.start(SampleMain.class, Map.of("MICROFLASK_PORT", "0"))) {
            String running = child.awaitLine("Running on http://127.0.0.1:");
            int port = Integer.parseInt(running.replaceAll(".*http://127\\.0\\.0\\.1:(\\d+).*", "$1"));
            CompletableFuture<Response> answer = CompletableFuture.supplyAsync(
                    () -> given().baseUri("http://127.0.0.1:" + port).when().get("/slow").andReturn());
            child.awaitLine("slow request started");
            // SIGTERM through the handle: Process.destroy() would also close our end of the child's output.
            child.process().toHandle().destroy();
            Response response = answer.get(20, TimeUnit.SECONDS);
            assertEquals(200, response.statusCode());
            assertEquals("slow done", response.asString());
            assertEquals(0, child.awaitExit(), child.stdout() + "\n" + child.stderr());
            String out = child.stdout() + "\n(stderr)\n" + child.stderr();
            assertTrue(out.contains("SIGTERM received: stopping"), out);
            assertTrue(out.contains("every answer in flight was written in full"), out);
        }
    }
}
