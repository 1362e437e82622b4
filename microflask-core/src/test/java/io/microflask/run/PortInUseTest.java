package io.microflask.run;

import io.microflask.PortHolder;
import io.microflask.PortInUseException;
import io.microflask.App;
import io.microflask.Route;
import io.microflask.RunningServer;
import io.microflask.testsupport.LogCapture;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PortInUseTest {

    public static class Hello {
        @Route("/")
        public String index() {
            return "hello";
        }
    }

    private static App app() {
        return App.withoutExtensionDiscovery().register(new Hello());
    }

    private static ServerSocket holdAPort() throws IOException {
        return new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"));
    }

    @Test
    void portHeldByThisJvmNamesHostPortPidAndAFreePort() throws Exception {
        try (ServerSocket held = holdAPort()) {
            int port = held.getLocalPort();
            // Closed at once should it start after all, so that a failure leaves no server behind.
            PortInUseException e = assertThrows(PortInUseException.class,
                    () -> app().start("127.0.0.1", port).close());
            long pid = ProcessHandle.current().pid();
            String message = e.getMessage();
            assertEquals(port, e.port());
            assertEquals("127.0.0.1", e.host());
            assertTrue(message.contains("127.0.0.1:" + port + " is already in use"), message);
            assertEquals(pid, e.holder().orElseThrow().pid(), message);
            assertTrue(message.contains("PID " + pid), message);
            assertTrue(message.contains("this very process"), message);
            assertTrue(message.contains("kill " + pid), message);

            int suggested = e.suggestedPort().orElseThrow();
            assertNotEquals(port, suggested);
            assertTrue(message.contains("Port " + suggested + " is free"), message);
            assertTrue(message.contains("--port " + suggested), message);
            // Really free: something can listen there.
            try (ServerSocket onSuggested = new ServerSocket()) {
                onSuggested.bind(new InetSocketAddress("127.0.0.1", suggested));
            }
        }
    }

    @Test
    void portHeldByAnotherProcessNamesThatProcess() throws Exception {
        try (ChildJvm holder = ChildJvm.start(PortHolderMain.class, Map.of())) {
            int port = Integer.parseInt(holder.awaitLine("holding ").substring("holding ".length()).trim());
            PortInUseException e = assertThrows(PortInUseException.class,
                    () -> app().start("127.0.0.1", port).close());
            PortHolder found = e.holder().orElseThrow(() -> new AssertionError(e.getMessage()));
            assertEquals(holder.process().pid(), found.pid(), e.getMessage());
            assertTrue(found.commandLine().contains(PortHolderMain.class.getName()), found.commandLine());
            assertTrue(e.getMessage().contains("-cp ... " + PortHolderMain.class.getName()), e.getMessage());
            assertTrue(e.getMessage().contains("kill " + holder.process().pid()), e.getMessage());
            assertFalse(e.getMessage().contains("this very process"), e.getMessage());
        }
    }

    @Test
    void aHolderThatCannotBeFoundGetsTheCommandsToLookItUp() {
        PortInUseException e = new PortInUseException("0.0.0.0", 5000,
                BindFailures.portInUse("0.0.0.0", 5000, null, java.util.OptionalInt.of(5001)), null,
                java.util.OptionalInt.of(5001), null);
        String message = e.getMessage();
        assertTrue(message.contains("0.0.0.0:5000 is already in use"), message);
        assertTrue(message.contains("could not find out which process"), message);
        assertTrue(message.contains("lsof -i :5000"), message);
        assertTrue(message.contains("ss -ltnp 'sport = :5000'"), message);
        assertTrue(message.contains("kill <PID>"), message);
        assertTrue(e.holder().isEmpty());
    }

    @Test
    void lookupInAProcTreeWithoutTheSocketFindsNobody(@org.junit.jupiter.api.io.TempDir java.nio.file.Path proc)
            throws Exception {
        java.nio.file.Files.createDirectories(proc.resolve("net"));
        java.nio.file.Files.writeString(proc.resolve("net/tcp"), "  sl  local_address rem_address   st tx_queue "
                + "rx_queue tr tm->when retrnsmt   uid  timeout inode\n"
                + "   0: 0100007F:1388 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 4242 1\n");
        assertEquals(java.util.Set.of("4242"), PortHolderLookup.listeningInodes(proc.resolve("net/tcp"), 5000));
        assertTrue(PortHolderLookup.listeningInodes(proc.resolve("net/tcp"), 5001).isEmpty());
        assertTrue(new PortHolderLookup(proc).find(5000).isEmpty());
    }

    @Test
    void fallbackToFreePortStartsElsewhereWhenAskedTo() throws Exception {
        try (ServerSocket held = holdAPort()) {
            App app = app();
            app.settings().fallbackToFreePort(true);
            try (LogCapture log = LogCapture.of(FreePortFallback.class);
                 RunningServer server = app.start("127.0.0.1", held.getLocalPort())) {
                assertNotEquals(held.getLocalPort(), server.port());
                given().baseUri(server.url()).when().get("/").then().statusCode(200).body(equalTo("hello"));
                assertTrue(log.text().contains("fallbackToFreePort is on"), log.text());
            }
        }
    }

    @Test
    void sampleMainOnAHeldPortExitsOneWithJustTheMessage() throws Exception {
        try (ServerSocket held = holdAPort();
             ChildJvm sample = ChildJvm.start(SampleMain.class, Map.of(), "--port",
                     String.valueOf(held.getLocalPort()))) {
            assertEquals(1, sample.awaitExit(), sample.stdout());
            String err = sample.stderr();
            assertTrue(err.contains("127.0.0.1:" + held.getLocalPort() + " is already in use"), err);
            assertTrue(err.contains("PID " + ProcessHandle.current().pid()), err);
            assertTrue(err.matches("(?s).*Port \\d+ is free.*"), err);
            assertFalse(err.contains("\tat "), "no stack trace: " + err);
        }
    }

    @Test
    void aMainThatDoesNotCatchAlsoExitsOneWithJustTheMessage() throws Exception {
        try (ServerSocket held = holdAPort();
             ChildJvm app = ChildJvm.start(UncaughtMain.class, Map.of(), "--port",
                     String.valueOf(held.getLocalPort()))) {
            assertEquals(1, app.awaitExit(), app.stdout());
            String err = app.stderr();
            assertTrue(err.startsWith("Cannot start: 127.0.0.1:" + held.getLocalPort() + " is already in use"), err);
            assertTrue(err.contains("kill " + ProcessHandle.current().pid()), err);
            assertFalse(err.contains("\tat "), "no stack trace: " + err);
            assertFalse(err.contains("Exception in thread"), err);
            assertFalse(err.contains("PortInUseException"), "the message, not the exception: " + err);
        }
    }
}
