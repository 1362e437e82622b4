package io.microflask;

import io.microflask.util.Html;
import io.microflask.testsupport.LogCapture;
import io.microflask.testsupport.RunningApp;
import ch.qos.logback.classic.Level;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * A seeded fuzz test of request parsing and routing over real sockets: mutations of valid
 * requests (random bytes, truncation, hostile headers, huge numbers, odd methods and paths,
 * pipelined pairs) and plain noise. Bounded in count and time.
 *
 * <p>The contract checked: every input that holds anything but whitespace gets a well-formed
 * HTTP/1.x answer with a status below 500 (a truncated request gets its 408 when the head or body
 * timeout passes; a request line naming another protocol version gets 505); an input of whitespace alone may be closed without an answer, since there is
 * no request to answer. Nothing may be logged at WARN or above (an exception escaping into Netty
 * is logged so), and the server answers a normal request at the end.
 *
 * <p>Reproduce a run with {@code -Dmicroflask.fuzz.seed=N}; {@code -Dmicroflask.fuzz.inputs=N}
 * changes how many inputs are sent.
 */
class RequestFuzzTest {
    private static final Pattern STATUS_LINE = Pattern.compile("^HTTP/1\\.[01] (\\d{3}) [^\r\n]*\r\n");
    private static final Pattern INTERIM = Pattern.compile("^HTTP/1\\.[01] 1\\d\\d ");
    private static final Pattern CONTENT_LENGTH = Pattern.compile("(?im)^content-length: *(\\d+)\r$");
    private static final Duration TIME_BUDGET = Duration.ofSeconds(20);

    private final Map<Integer, AtomicInteger> statuses = new ConcurrentSkipListMap<>();

    @RegisterExtension
    final RunningApp server = RunningApp.of(() -> {
        App app = new App();
        app.settings().requestHeadTimeout(Duration.ofMillis(300)).minBodyRate(2000)
                .bodyRateGracePeriod(Duration.ofMillis(300)).maxBodySize(4096).maxInitialLineLength(1024)
                .maxHeaderSize(2048);
        return app.register(new Routes());
    });

    public static class Routes {
        @Route("/")
        public String index() {
            return "home";
        }

        @Route("/users/<int:id>")
        public String user(int id) {
            return "user " + id;
        }

        @Route("/price/<float:amount>")
        public String price(double amount) {
            return "price " + amount;
        }

        @Route("/files/<path:rest>")
        public String file(String rest) {
            return "file " + Html.escape(rest);
        }

        @Route("/keys/<uuid:key>")
        public String key(UUID key) {
            return "key " + key;
        }

        @Route("/docs/")
        public String docs() {
            return "docs";
        }

        @Route("/search")
        public String search(@Query("q") String q, @Query(value = "page", defaultValue = "1") int page,
                             @Query("tag") List<String> tags, @Header("X-Limit") Optional<Integer> limit) {
            return Html.escape(q) + " " + page + " " + tags.size() + " " + limit.orElse(-1);
        }

        @Route(value = "/echo", methods = {"POST", "PUT", "PATCH"})
        public String echo(Request request) {
            Map<String, List<String>> form = request.formParams();
            return request.method() + " " + request.bodyLength() + " " + form.size() + " " + request.cookies().size()
                    + " " + request.queryParams().size() + " " + Html.escape(request.text());
        }
    }

    @Test
    void noInputMakesTheServerFailOrHangUpWithoutAnAnswer() throws Exception {
        long seed = Long.getLong("microflask.fuzz.seed", 0x5EED_2026L);
        int inputs = Integer.getInteger("microflask.fuzz.inputs", 600);
        try (LogCapture log = LogCapture.of("io.microflask")) {
            Random random = new Random(seed);
            List<byte[]> generated = new ArrayList<>();
            for (int i = 0; i < inputs; i++) {
                generated.add(new InputGenerator(random).next());
            }
            long deadline = System.nanoTime() + TIME_BUDGET.toNanos();
            ExecutorService clients = Executors.newFixedThreadPool(16);
            try {
                List<Future<String>> verdicts = new ArrayList<>();
                for (byte[] input : generated) {
                    verdicts.add(clients.submit(() -> System.nanoTime() > deadline ? null : exchange(input)));
                }
                int sent = 0;
                for (int i = 0; i < verdicts.size(); i++) {
                    String problem = verdicts.get(i).get();
                    if (problem == null) {
                        continue;
                    }
                    sent++;
                    if (!problem.isEmpty()) {
                        fail("seed " + seed + ", input " + i + ": " + problem + "\ninput: "
                                + printable(generated.get(i)));
                    }
                }
                assertTrue(sent > 0, "the time budget ran out before any input was sent");
                LoggerFactory.getLogger(RequestFuzzTest.class).info("seed {}: {} inputs sent; answers by status: {}",
                        seed, sent, statuses);
                // A generator that only made noise (or only valid requests) would test little.
                assertTrue(statuses.containsKey(200) && statuses.containsKey(400) && statuses.containsKey(404),
                        "the inputs should reach handlers, the router and the parser's rejections: " + statuses);
            } finally {
                clients.shutdownNow();
            }
            List<String> logged = log.events().stream()
                    .filter(event -> event.getLevel().isGreaterOrEqual(Level.WARN))
                    .map(event -> event.getLoggerName() + ": " + event.getFormattedMessage()).toList();
            assertEquals(List.of(), logged, "seed " + seed + ": the server logged failures");
            try (RawHttp http = new RawHttp(server.port())) {
                http.send("GET /users/7 HTTP/1.1\r\nHost: x\r\n\r\n");
                assertTrue(http.readResponses(1).endsWith("user 7"), http.text());
            }
        }
    }

    /** Sends one input; returns "" when the server's behaviour is right, else what was wrong. */
    private String exchange(byte[] input) throws IOException {
        boolean onlyWhitespace = true;
        for (byte b : input) {
            onlyWhitespace &= b == ' ' || b == '\t' || b == '\r' || b == '\n';
        }
        boolean head = new String(input, 0, Math.min(5, input.length), StandardCharsets.ISO_8859_1).equals("HEAD ");
        ByteArrayOutputStream received = new ByteArrayOutputStream();
        boolean closed = false;
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout(5000);
            try {
                socket.getOutputStream().write(input);
                socket.getOutputStream().flush();
            } catch (SocketException e) {
                // The server may answer and close before it has read everything (e.g. 413); read what it said.
            }
            InputStream in = socket.getInputStream();
            byte[] buffer = new byte[8192];
            while (!hasFinalResponse(received.toString(StandardCharsets.ISO_8859_1), head)) {
                int n;
                try {
                    n = in.read(buffer);
                } catch (SocketTimeoutException e) {
                    return "no answer within 5 s; received: " + printable(received.toByteArray());
                } catch (SocketException e) {
                    closed = true;
                    break;
                }
                if (n < 0) {
                    closed = true;
                    break;
                }
                received.write(buffer, 0, n);
            }
        }
        String text = received.toString(StandardCharsets.ISO_8859_1);
        if (text.isEmpty()) {
            return onlyWhitespace ? "" : "the connection was " + (closed ? "closed" : "left open") + " without an answer";
        }
        String finalResponse = skipInterimResponses(text);
        Matcher status = STATUS_LINE.matcher(finalResponse);
        if (!status.find() || !finalResponse.contains("\r\n\r\n")) {
            return "a malformed answer: " + printable(received.toByteArray());
        }
        int code = Integer.parseInt(status.group(1));
        statuses.computeIfAbsent(code, c -> new AtomicInteger()).incrementAndGet();
        if (code >= 500 && !(code == 505 && !speaksHttp1(input))) {
            return "answered " + code + ": " + printable(received.toByteArray());
        }
        return "";
    }

    /** Whether the request line names HTTP/1.x (else 505 is the right answer, not a failure). */
    private static boolean speaksHttp1(byte[] input) {
        String text = new String(input, StandardCharsets.ISO_8859_1);
        int lineEnd = text.indexOf('\n');
        String line = (lineEnd < 0 ? text : text.substring(0, lineEnd)).trim();
        return line.endsWith(" HTTP/1.0") || line.endsWith(" HTTP/1.1");
    }

    private static String skipInterimResponses(String text) {
        String rest = text;
        while (INTERIM.matcher(rest).find() && rest.contains("\r\n\r\n")) {
            rest = rest.substring(rest.indexOf("\r\n\r\n") + 4);
        }
        return rest;
    }

    private static boolean hasFinalResponse(String text, boolean head) {
        String rest = skipInterimResponses(text);
        int end = rest.indexOf("\r\n\r\n");
        if (end < 0 || INTERIM.matcher(rest).find()) {
            return false;
        }
        if (head || rest.matches("(?s)HTTP/1\\.[01] (204|304) .*")) {
            return true;
        }
        Matcher length = CONTENT_LENGTH.matcher(rest.substring(0, end + 2));
        int bodyLength = length.find() ? Integer.parseInt(length.group(1)) : 0;
        return rest.length() >= end + 4 + bodyLength;
    }

    private static String printable(byte[] bytes) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < Math.min(bytes.length, 600); i++) {
            int b = bytes[i] & 0xff;
            if (b == '\r') {
                text.append("\\r");
            } else if (b == '\n') {
                text.append("\\n");
            } else if (b < 0x20 || b >= 0x7f) {
                text.append(String.format("\\x%02x", b));
            } else {
                text.append((char) b);
            }
        }
        return bytes.length > 600 ? text + "...(" + bytes.length + " bytes)" : text.toString();
    }

    /** Builds inputs from valid requests by mutation, and some noise. */
    static final class InputGenerator {
        private static final String[] VALID = {
                "GET / HTTP/1.1\r\nHost: localhost\r\n\r\n",
                "GET /users/42 HTTP/1.1\r\nHost: localhost\r\nAccept: */*\r\n\r\n",
                "GET /price/3.5 HTTP/1.1\r\nHost: a\r\nCookie: a=1; b=2\r\n\r\n",
                "GET /files/a/b/c.txt?x=1 HTTP/1.1\r\nHost: a\r\n\r\n",
                "GET /keys/123e4567-e89b-12d3-a456-426614174000 HTTP/1.1\r\nHost: a\r\n\r\n",
                "GET /docs HTTP/1.1\r\nHost: a\r\n\r\n",
                "GET /search?q=hello&page=2&tag=a&tag=b HTTP/1.1\r\nHost: a\r\nX-Limit: 5\r\n\r\n",
                "HEAD /users/1 HTTP/1.1\r\nHost: a\r\n\r\n",
                "OPTIONS /echo HTTP/1.1\r\nHost: a\r\n\r\n",
                "POST /echo HTTP/1.1\r\nHost: a\r\nContent-Type: application/x-www-form-urlencoded\r\n"
                        + "Content-Length: 13\r\n\r\nname=x&age=42",
                "PUT /echo?z=1 HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n6\r\n world\r\n0\r\n\r\n",
                "POST /echo HTTP/1.1\r\nHost: a\r\nContent-Type: text/plain; charset=latin1\r\nContent-Length: 4\r\n\r\n\u00e9t\u00e9!",
                "GET /users/1 HTTP/1.0\r\n\r\n",
                "GET http://localhost/users/5 HTTP/1.1\r\nHost: localhost\r\n\r\n",
        };
        private static final String[] HOSTILE_HEADERS = {
                "Content-Length: 5\r\n", "Content-Length: -1\r\n", "Content-Length: 99999999999999999999\r\n",
                "Transfer-Encoding: chunked\r\n", "Transfer-Encoding: gzip, chunked\r\n", "Host: other\r\n",
                "X-Folded: a\r\n b\r\n", "X-Nul: a\0b\r\n", "X-Cr: a\rb\r\n", "Expect: 100-continue\r\n",
                "Expect: teapot\r\n", "Connection: close\r\n", "Connection: keep-alive, Upgrade\r\n",
                "Upgrade: websocket\r\n", "Cookie: =;;;=a; b=\"\r\n", "Content-Type: multipart/form-data\r\n",
                "Content-Type: text/plain; charset=no-such-charset\r\n", "X-Limit: 99999999999999\r\n",
                "X-Forwarded-For: 1.2.3.4, garbage\r\n", "Forwarded: for=\"[::1\r\n", ": empty-name\r\n",
                "X-Long: " + "v".repeat(3000) + "\r\n", "Range: bytes=0-\r\n", "Accept: application/json\r\n",
        };
        private static final String[] METHODS = {
                "GET", "POST", "HEAD", "PUT", "DELETE", "PATCH", "OPTIONS", "TRACE", "CONNECT", "get", "BREW",
                "G\0ET", "", "GET GET", "M".repeat(300),
        };
        private static final String[] PATHS = {
                "/users/99999999999999999999", "/users/-0", "/users/%31", "/price/NaN", "/price/1e400",
                "/price/-Infinity", "/files/../../etc/passwd", "/files/%2e%2e/x", "/files/%00", "/files/%zz",
                "/keys/not-a-uuid", "/keys/123e4567-e89b-12d3-a456-42661417400G", "//", "/%", "/%c0%af",
                "/\u00ff\u00fe", "*", "http://", "https://x", "localhost:80", "/search?q=%", "/search?page=x&q=1",
                "/search?page=99999999999999999999&q=1", "/search?&&&=&q", "/docs?x#frag", "/" + "a/".repeat(400),
                "/echo/", "/%2F%2F", "/users/1;jsessionid=x", "/?" + "q".repeat(2000),
        };

        private final Random random;

        InputGenerator(Random random) {
            this.random = random;
        }

        byte[] next() {
            int kind = random.nextInt(100);
            byte[] base = VALID[random.nextInt(VALID.length)].getBytes(StandardCharsets.ISO_8859_1);
            if (kind < 8) {
                return noise();
            } else if (kind < 28) {
                return flipBytes(base);
            } else if (kind < 40) {
                return truncate(base);
            } else if (kind < 58) {
                return injectHeaders(base);
            } else if (kind < 76) {
                return replaceRequestLine(base);
            } else if (kind < 86) {
                return concat(base, mutateOnce(VALID[random.nextInt(VALID.length)].getBytes(StandardCharsets.ISO_8859_1)));
            } else if (kind < 93) {
                return hugeNumbers(base);
            } else {
                return base;
            }
        }

        private byte[] mutateOnce(byte[] base) {
            return switch (random.nextInt(4)) {
                case 0 -> flipBytes(base);
                case 1 -> injectHeaders(base);
                case 2 -> replaceRequestLine(base);
                default -> base;
            };
        }

        private byte[] noise() {
            byte[] bytes = new byte[1 + random.nextInt(300)];
            random.nextBytes(bytes);
            if (random.nextBoolean()) {
                // Printable noise with line breaks looks more like HTTP to a parser.
                for (int i = 0; i < bytes.length; i++) {
                    bytes[i] = (byte) (random.nextInt(8) == 0 ? '\n' : 0x20 + random.nextInt(95));
                }
            }
            return bytes;
        }

        private byte[] flipBytes(byte[] base) {
            byte[] bytes = base.clone();
            int flips = 1 + random.nextInt(4);
            for (int i = 0; i < flips; i++) {
                int at = random.nextInt(bytes.length);
                bytes[at] = switch (random.nextInt(5)) {
                    case 0 -> (byte) random.nextInt(256);
                    case 1 -> (byte) '\r';
                    case 2 -> (byte) '\n';
                    case 3 -> (byte) ' ';
                    default -> (byte) ':';
                };
            }
            return bytes;
        }

        private byte[] truncate(byte[] base) {
            return java.util.Arrays.copyOf(base, 1 + random.nextInt(base.length - 1));
        }

        private byte[] injectHeaders(byte[] base) {
            String text = new String(base, StandardCharsets.ISO_8859_1);
            int firstLineEnd = text.indexOf("\r\n") + 2;
            StringBuilder injected = new StringBuilder();
            int count = 1 + random.nextInt(3);
            for (int i = 0; i < count; i++) {
                injected.append(HOSTILE_HEADERS[random.nextInt(HOSTILE_HEADERS.length)]);
            }
            return (text.substring(0, firstLineEnd) + injected + text.substring(firstLineEnd))
                    .getBytes(StandardCharsets.ISO_8859_1);
        }

        private byte[] replaceRequestLine(byte[] base) {
            String text = new String(base, StandardCharsets.ISO_8859_1);
            String[] line = text.substring(0, text.indexOf("\r\n")).split(" ", 3);
            String method = random.nextInt(3) == 0 ? METHODS[random.nextInt(METHODS.length)] : line[0];
            String path = random.nextInt(4) == 0 ? line[1] : PATHS[random.nextInt(PATHS.length)];
            String version = switch (random.nextInt(8)) {
                case 0 -> "HTTP/1.0";
                case 1 -> "HTTP/2.0";
                case 2 -> "HTTP/1.1 extra";
                case 3 -> "";
                case 4 -> "http/1.1";
                default -> line.length > 2 ? line[2] : "HTTP/1.1";
            };
            String separator = random.nextInt(10) == 0 ? "\t" : " ";
            return (method + separator + path + (version.isEmpty() ? "" : " " + version) + text.substring(text.indexOf("\r\n")))
                    .getBytes(StandardCharsets.ISO_8859_1);
        }

        private byte[] hugeNumbers(byte[] base) {
            String text = new String(base, StandardCharsets.ISO_8859_1);
            String huge = switch (random.nextInt(4)) {
                case 0 -> "9".repeat(30);
                case 1 -> String.valueOf(Long.MAX_VALUE);
                case 2 -> String.valueOf(Integer.MAX_VALUE + 1L);
                default -> "-" + Long.MAX_VALUE;
            };
            return text.replaceFirst("\\d+", huge).getBytes(StandardCharsets.ISO_8859_1);
        }

        private static byte[] concat(byte[] first, byte[] second) {
            byte[] both = java.util.Arrays.copyOf(first, first.length + second.length);
            System.arraycopy(second, 0, both, first.length, second.length);
            return both;
        }
    }
}
