package io.microflask.run;

import io.microflask.App;
import io.microflask.OnMessage;
import io.microflask.OnOpen;
import io.microflask.RunningServer;
import io.microflask.Settings;
import io.microflask.WebSocket;
import io.microflask.WebSocketConnection;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.net.Socket;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * 10,000 idle WebSockets (the default {@link Settings#maxConnections()}) are held, and the cap
 * refuses the next connection with 503 until they go. The clients run in a child JVM: one process
 * with both ends of every connection would need twice the descriptors, and this machine allows
 * 20,000 per process. Where the limit is lower, fewer connections (and a cap as low) are used,
 * said on stdout.
 */
class ManyIdleWebSocketsTest {
    private static final int WANTED = 10_000;
    /** Descriptors the test JVM needs besides the connections (jars, epoll, pipes, the child's streams). */
    private static final int SPARE_DESCRIPTORS = 1_000;

    @WebSocket("/idle")
    public static class Idle {
        @OnOpen
        public void open(WebSocketConnection connection) {
            connection.join("idle");
        }

        @OnMessage
        public void message(String text) {
        }
    }

    @Test
    void tenThousandIdleWebSocketsAreHeldWithinTheConnectionCap() throws Exception {
        int count = Math.min(WANTED, (int) Math.min(Integer.MAX_VALUE, descriptorLimit() - SPARE_DESCRIPTORS));
        if (count < WANTED) {
            System.out.println("ManyIdleWebSocketsTest: this process may open " + descriptorLimit()
                    + " file descriptors (ulimit -n), so " + count + " WebSockets instead of " + WANTED);
        }
        assertTrue(count >= 500, "ulimit -n is too low for this test: " + descriptorLimit());
        App app = new App().register(new Idle());
        app.settings().maxConnections(count).maxConnectionsPerAddress(count);
        RunningServer running = app.start("127.0.0.1", 0);
        try (ChildJvm clients = ChildJvm.start(List.of("-Xmx256m", "-XX:+UseSerialGC"),
                IdleWebSocketClients.class, Map.of(), String.valueOf(running.port()), String.valueOf(count), "/idle")) {
            String opened = clients.awaitLine("open ");
            assertEquals("open " + count, opened, clients.stdout() + "\n" + clients.stderr());
            waitForGroup(app, count);
            // The cap is full: the next handshake (and any request) is answered 503 and closed.
            try (Socket refused = new Socket()) {
                String head = IdleWebSocketClients.handshake(refused, running.port(), "/idle");
                assertTrue(head.startsWith("HTTP/1.1 503"), head);
            }
            assertEquals(count, app.webSocketGroup("idle").size());
            clients.process().getOutputStream().close(); // the child's stdin: it closes its sockets
            clients.awaitLine("closed");
            waitForGroup(app, 0);
            // Their places are free again.
            try (Socket again = new Socket()) {
                String head = IdleWebSocketClients.handshake(again, running.port(), "/idle");
                assertTrue(head.startsWith("HTTP/1.1 101"), head);
                waitForGroup(app, 1);
            }
        } finally {
            running.close();
        }
    }

    private static long descriptorLimit() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.UnixOperatingSystemMXBean unix) {
            return unix.getMaxFileDescriptorCount();
        }
        return WANTED + SPARE_DESCRIPTORS; // not Unix: no such limit to respect
    }

    private static void waitForGroup(App app, int size) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (app.webSocketGroup("idle").size() != size && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertEquals(size, app.webSocketGroup("idle").size());
    }
}
