package io.microflask.run;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * A child JVM for {@link ManyIdleWebSocketsTest}: opens {@code count} WebSockets to
 * {@code 127.0.0.1:port/path}, prints {@code open N} once every handshake was answered 101, then
 * holds them, sending nothing, until its stdin ends. Apart from the test's JVM so that each
 * process holds one end of each connection, within the machine's per-process descriptor limit.
 */
final class IdleWebSocketClients {
    private static final int THREADS = 4;

    private IdleWebSocketClients() {
    }

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        int count = Integer.parseInt(args[1]);
        String path = args[2];
        List<Socket> sockets = java.util.Collections.synchronizedList(new ArrayList<>());
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        List<Future<?>> work = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            int share = count / THREADS + (t < count % THREADS ? 1 : 0);
            work.add(pool.submit(() -> {
                for (int i = 0; i < share; i++) {
                    sockets.add(open(port, path));
                }
                return null;
            }));
        }
        try {
            for (Future<?> done : work) {
                done.get();
            }
            System.out.println("open " + sockets.size());
        } catch (java.util.concurrent.ExecutionException e) {
            System.out.println("failed after " + sockets.size() + ": " + e.getCause());
        }
        pool.shutdown();
        // Held until the test closes our stdin (or ends, which closes it too).
        new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
        for (Socket socket : sockets) {
            socket.close();
        }
        System.out.println("closed");
    }

    private static Socket open(int port, String path) throws IOException {
        Socket socket = new Socket();
        String head = handshake(socket, port, path);
        if (!head.startsWith("HTTP/1.1 101 ")) {
            socket.close();
            throw new IOException("handshake answered " + head.lines().findFirst().orElse("nothing"));
        }
        return socket;
    }

    /** Connects {@code socket} and sends a WebSocket handshake for {@code path}; returns the answer's head. */
    static String handshake(Socket socket, int port, String path) throws IOException {
        socket.connect(new InetSocketAddress("127.0.0.1", port), 10_000);
        socket.setSoTimeout(30_000);
        socket.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port
                + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                + "Sec-WebSocket-Version: 13\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        return readHead(socket.getInputStream());
    }

    private static String readHead(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        while (head.length() < 4 || !head.substring(head.length() - 4).equals("\r\n\r\n")) {
            int next = in.read();
            if (next < 0) {
                throw new IOException("the server closed the connection during the handshake: " + head);
            }
            head.append((char) next);
        }
        return head.toString();
    }
}
