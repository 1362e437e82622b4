import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The WebSocket case of .ci/nginx-check.sh (run as a single source file): a client opens the notes
 * app's /notes/live through nginx, with a browser's Origin; a note is added on each instance
 * directly, and the one nginx connected the socket to must send it through nginx; then a close
 * with 1000 must be answered with 1000. Exit status 0 when all of that happened.
 *
 * <p>Usage: java LiveNotesThroughNginx.java WS_URL ORIGIN SESSION_COOKIE INSTANCE_URL...
 */
public class LiveNotesThroughNginx {
    public static void main(String[] args) throws Exception {
        URI live = URI.create(args[0]);
        String origin = args[1];
        String cookie = args[2];
        List<String> instances = List.of(args).subList(3, args.length);
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        BlockingQueue<String> messages = new LinkedBlockingQueue<>();
        CompletableFuture<Integer> closed = new CompletableFuture<>();
        WebSocket socket = http.newWebSocketBuilder().header("Origin", origin)
                .buildAsync(live, new WebSocket.Listener() {
                    private final StringBuilder partial = new StringBuilder();

                    @Override
                    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                        partial.append(data);
                        if (last) {
                            messages.add(partial.toString());
                            partial.setLength(0);
                        }
                        webSocket.request(1);
                        return null;
                    }

                    @Override
                    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
                        closed.complete(statusCode);
                        return null;
                    }

                    @Override
                    public void onError(WebSocket webSocket, Throwable error) {
                        closed.completeExceptionally(error);
                    }
                }).get(10, TimeUnit.SECONDS);
        System.out.println("handshake through nginx answered 101 (Sec-WebSocket-Accept checked by the JDK client)");
        // The endpoint joins the socket to its group just after the 101: a note added in that instant
        // would not reach it, so a note that did not come is added once more (at most three rounds).
        String received = null;
        for (int round = 1; round <= 3 && received == null; round++) {
            for (String instance : instances) {
                String text = "through nginx, round " + round + ", added on " + instance;
                HttpResponse<String> added = http.send(HttpRequest.newBuilder(URI.create(instance + "/api/notes"))
                        .header("Content-Type", "application/json").header("Cookie", cookie)
                        .POST(HttpRequest.BodyPublishers.ofString("{\"text\": \"" + text + "\"}")).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (added.statusCode() != 201) {
                    throw new IllegalStateException("POST " + instance + "/api/notes answered " + added.statusCode()
                            + ": " + added.body());
                }
            }
            received = messages.poll(5, TimeUnit.SECONDS);
        }
        if (received == null || !received.contains("\"text\":\"through nginx, round ") || !received.contains("\"id\":")
                || !received.contains("\"created\":")) {
            throw new IllegalStateException("no note came through nginx on " + live + " (got " + received + ")");
        }
        System.out.println("note received through nginx: " + received);
        socket.sendClose(WebSocket.NORMAL_CLOSURE, "done").get(10, TimeUnit.SECONDS);
        int code = closed.get(10, TimeUnit.SECONDS);
        if (code != WebSocket.NORMAL_CLOSURE) {
            throw new IllegalStateException("the close was answered with " + code + ", not 1000");
        }
        System.out.println("close 1000 answered with 1000 through nginx");
    }
}
