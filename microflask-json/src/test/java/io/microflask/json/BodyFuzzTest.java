package io.microflask.json;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import io.microflask.App;
import io.microflask.Request;
import io.microflask.Route;
import io.microflask.UploadedFile;
import io.microflask.TestClient;
import io.microflask.TestResponse;
import io.microflask.testsupport.LogCapture;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * A seeded fuzz test of request bodies: JSON, URL-encoded forms and multipart forms, each built
 * valid and then mutated (bytes flipped, cut short, hostile tokens spliced in, parts without names,
 * broken boundaries, odd content types and charsets), sent in process to handlers that read them
 * in every way an app does. Bounded in count; no sockets, no timing.
 *
 * <p>The contract: every input gets an answer, with a status below 500; a 400 or 415 from a JSON
 * route is JSON; no answer carries a Java exception's name; nothing is logged at ERROR. Reproduce a run
 * with {@code -Dmicroflask.fuzz.seed=N}; {@code -Dmicroflask.fuzz.inputs=N} changes the count.
 */
class BodyFuzzTest {
    private static final String BOUNDARY = "fuzz-boundary-7MA4YWxk";
    private static final String[] JSON_TOKENS = {"{", "}", "[", "]", "\"", ":", ",", "null", "true", "-", "1e99999",
            "12345678901234567890123", "\\u12", "\\ud800", "\u0000", "\"count\":1,\"count\":2", "NaN", "\ufeff",
            "0x10", "01", ".5", "[".repeat(600), "{\"a\":".repeat(300), "\"" + "x".repeat(3000) + "\"", "\t\r\n"};
    private static final String[] FORM_TOKENS = {"%", "%z", "%zz", "%e9", "%C3", "&", "&&", "=", "==", "+", "%00",
            "%0d%0a", "\u00e9", "\ud83d\ude00", "a[]=", "x=" + "y".repeat(2000), ";", "%25", "%%%"};
    private static final String[] PART_HEADERS = {
        "Content-Disposition: form-data",
        "Content-Disposition: form-data; name=",
        "Content-Disposition: form-data; name=\"\"",
        "Content-Disposition: attachment; name=\"a\"",
        "Content-Disposition: form-data; name=\"f\"; filename=\"../../etc/passwd\"",
        "Content-Disposition: form-data; name=\"f\"; filename=\"\"",
        "Content-Disposition: form-data; name=\"f\"; filename*=UTF-8''%e9t%e9.txt",
        "Content-Disposition: form-data; name=\"a\"; name=\"b\"",
        "Content-Disposition: form-data; name=\"a",
        "Content-Type: text/plain; charset=klingon",
        "Content-Type: text/plain; charset=",
        "Content-Type: multipart/mixed; boundary=inner",
        "Content-Transfer-Encoding: rot13",
        "Content-Transfer-Encoding: base64",
        "Content-Length: -1",
        "Content-Length: 99999999999999999999",
        ": no name",
        "no colon at all",
        "X-\u00e9: v",
        "",
    };
    private static final String[] CONTENT_TYPES = {
        "application/json", "application/json; charset=utf-8", "application/json; charset=utf-16",
        "application/json; charset=bogus", "application/vnd.api+json", "text/plain", "application/x-www-form-urlencoded",
        "application/x-www-form-urlencoded; charset=iso-8859-1", "application/x-www-form-urlencoded; charset=nonsense",
        "multipart/form-data; boundary=" + BOUNDARY, "multipart/form-data; boundary=\"" + BOUNDARY + "\"",
        "multipart/form-data", "multipart/form-data; boundary=", "multipart/form-data; boundary=other",
        "multipart/mixed; boundary=" + BOUNDARY, "application/octet-stream", "",
    };

    public record Item(String name, int qty) {
    }

    public record Order(int count, LocalDate due, List<Item> items, Optional<String> note) {
    }

    public static class Handlers {
        @Route(value = "/json/order", methods = "POST")
        public Order order(@Body Order order) {
            return order;
        }

        @Route(value = "/json/map", methods = "POST")
        public Map<String, Object> map(@Body Map<String, Object> body) {
            return Map.of("keys", body.size());
        }

        @Route(value = "/json/list", methods = "POST")
        public Map<String, Object> list(@Body(required = false) List<Item> items) {
            return Map.of("items", items == null ? 0 : items.size());
        }

        @Route(value = "/json/tree", methods = "POST")
        public Map<String, Object> tree(Request request) {
            return Map.of("type", Json.tree(request).getNodeType().toString());
        }

        @Route(value = "/form", methods = "POST")
        public String form(Request request) {
            return request.formParams().size() + " " + request.formAll("a").size() + " "
                    + (request.form("b") == null ? 0 : request.form("b").length());
        }

        @Route(value = "/upload", methods = "POST")
        public String upload(Request request) throws Exception {
            long total = 0;
            for (List<UploadedFile> files : request.files().values()) {
                for (UploadedFile file : files) {
                    total += file.bytes().length;
                    file.safeFilename();
                }
            }
            return request.formParams().size() + " fields, " + total + " bytes";
        }

        @Route(value = "/upload/required", methods = "POST")
        public String required(UploadedFile f) {
            return f.safeFilename() + " " + f.size();
        }
    }

    private static final String[] PATHS = {"/json/order", "/json/map", "/json/list", "/json/tree", "/form", "/upload",
            "/upload/required"};

    /** One generated input: where it goes, its content type, its body. */
    private record Input(int index, String path, String contentType, byte[] body) {
        String describe() {
            String shown = new String(body, 0, Math.min(body.length, 400), StandardCharsets.ISO_8859_1)
                    .replaceAll("[\\x00-\\x08\\x0b\\x0c\\x0e-\\x1f\\x7f-\\xff]", "?");
            return "input " + index + ": POST " + path + " (" + contentType + ", " + body.length + " bytes): " + shown;
        }
    }

    @Test
    void everyMutatedBodyGetsAnAnswerBelow500() {
        long seed = Long.getLong("microflask.fuzz.seed", 0xB0D1_2026L);
        int count = Integer.getInteger("microflask.fuzz.inputs", 2000);
        Random random = new Random(seed);
        App app = new App().register(new Handlers());
        app.settings().maxBodySize(64 * 1024).maxFileSize(16 * 1024).uploadMemoryThreshold(1024);
        TestClient client = app.testClient();
        Map<Integer, Integer> statuses = new TreeMap<>();
        try (LogCapture log = LogCapture.of("io.microflask")) {
            for (int i = 0; i < count; i++) {
                Input input = generate(i, random);
                TestResponse response;
                try {
                    response = client.request("POST", input.path()).body(input.contentType(), input.body()).send();
                } catch (RuntimeException e) {
                    fail("seed " + seed + ", no answer (" + e + ") to " + input.describe(), e);
                    return;
                }
                statuses.merge(response.status(), 1, Integer::sum);
                String context = "seed " + seed + ", " + input.describe() + "\nanswered " + response.status() + ": "
                        + response.text();
                assertTrue(response.status() >= 200 && response.status() < 500, context);
                assertTrue(!response.text().contains("Exception") && !response.text().contains("java."), context);
                // A body the route could not read is answered in JSON (a 413 can come before routing, in HTML).
                if (input.path().startsWith("/json/") && (response.status() == 400 || response.status() == 415)) {
                    assertEquals("application/json", response.contentType(), context);
                }
            }
            List<String> errors = new ArrayList<>();
            for (ILoggingEvent event : log.events()) {
                if (event.getLevel().isGreaterOrEqual(Level.ERROR)) {
                    errors.add(event.getFormattedMessage());
                }
            }
            assertTrue(errors.isEmpty(), "seed " + seed + ": logged at ERROR: " + errors);
        }
        // The generator reaches every kind of answer it is meant to: successes and each refusal.
        assertTrue(statuses.getOrDefault(200, 0) > count / 20, "few valid inputs survived: " + statuses);
        assertTrue(statuses.getOrDefault(400, 0) > count / 4, "few inputs were refused: " + statuses);
        assertTrue(statuses.containsKey(415) && statuses.containsKey(413), "statuses: " + statuses);
    }

    private static Input generate(int index, Random random) {
        int kind = random.nextInt(3);
        byte[] body;
        String path;
        String contentType;
        switch (kind) {
            case 0 -> {
                path = PATHS[random.nextInt(4)];
                body = mutateText(validJson(random), JSON_TOKENS, random);
                contentType = random.nextInt(5) == 0 ? pick(CONTENT_TYPES, random) : "application/json";
            }
            case 1 -> {
                path = random.nextInt(4) == 0 ? pick(PATHS, random) : "/form";
                body = mutateText(validForm(random), FORM_TOKENS, random);
                contentType = random.nextInt(5) == 0 ? pick(CONTENT_TYPES, random) : "application/x-www-form-urlencoded";
            }
            default -> {
                path = random.nextInt(4) == 0 ? pick(PATHS, random) : random.nextBoolean() ? "/upload" : "/upload/required";
                body = mutateMultipart(random);
                contentType = random.nextInt(5) == 0 ? pick(CONTENT_TYPES, random)
                        : "multipart/form-data; boundary=" + BOUNDARY;
            }
        }
        if (random.nextInt(40) == 0) {
            body = new byte[64 * 1024 + 1 + random.nextInt(1024)]; // over maxBodySize: 413
        }
        return new Input(index, path, contentType, body);
    }

    private static String validJson(Random random) {
        return switch (random.nextInt(4)) {
            case 0 -> "{\"count\": " + random.nextInt(100) + ", \"due\": \"2024-0" + (1 + random.nextInt(9)) + "-1"
                    + random.nextInt(10) + "\", \"items\": [{\"name\": \"pen\", \"qty\": " + random.nextInt(9) + "}], "
                    + "\"note\": \"caf\u00e9 \ud83d\ude00\"}";
            case 1 -> "[{\"name\": \"a\", \"qty\": 1}, {\"name\": \"b\", \"qty\": 2}]";
            case 2 -> "{\"a\": [1, 2.5, -3e2, true, null, {\"b\": \"c\\n\\u00e9\"}]}";
            default -> "{}";
        };
    }

    private static String validForm(Random random) {
        return "a=1&a=" + random.nextInt(1000) + "&b=caf%C3%A9+au+lait&c=" + "%26%3D".repeat(random.nextInt(3))
                + "&empty=&flag";
    }

    /** Up to four mutations of {@code text}: a token spliced in, a character flipped, or the text cut short. */
    private static byte[] mutateText(String text, String[] tokens, Random random) {
        StringBuilder mutated = new StringBuilder(text);
        int mutations = random.nextInt(5);
        for (int m = 0; m < mutations && mutated.length() > 0; m++) {
            int at = random.nextInt(mutated.length() + 1);
            switch (random.nextInt(4)) {
                case 0 -> mutated.insert(at, pick(tokens, random));
                case 1 -> mutated.setCharAt(Math.min(at, mutated.length() - 1), (char) random.nextInt(0x180));
                case 2 -> mutated.setLength(at);
                default -> mutated.delete(at, Math.min(mutated.length(), at + 1 + random.nextInt(8)));
            }
        }
        byte[] bytes = mutated.toString().getBytes(StandardCharsets.UTF_8);
        if (random.nextInt(10) == 0 && bytes.length > 0) {
            bytes[random.nextInt(bytes.length)] = (byte) (0x80 + random.nextInt(0x80)); // invalid UTF-8, likely
        }
        return bytes;
    }

    private static byte[] mutateMultipart(Random random) {
        List<String> parts = new ArrayList<>();
        parts.add("Content-Disposition: form-data; name=\"a\"\r\n\r\nfirst");
        parts.add("Content-Disposition: form-data; name=\"b\"\r\nContent-Type: text/plain; charset=utf-8\r\n\r\ncaf\u00e9");
        parts.add("Content-Disposition: form-data; name=\"f\"; filename=\"notes.txt\"\r\nContent-Type: text/plain\r\n\r\n"
                + "x".repeat(random.nextInt(3000)));
        int mutations = random.nextInt(4);
        for (int m = 0; m < mutations; m++) {
            int at = random.nextInt(parts.size());
            String part = parts.get(at);
            switch (random.nextInt(5)) {
                case 0 -> parts.set(at, pick(PART_HEADERS, random) + "\r\n\r\nvalue");
                case 1 -> parts.set(at, pick(PART_HEADERS, random) + "\r\n" + part);
                case 2 -> parts.set(at, part.replace("\r\n\r\n", "\r\n"));
                case 3 -> parts.add(at, "Content-Disposition: form-data; name=\"f\"; filename=\"big.bin\"\r\n\r\n"
                        + HexFormat.of().formatHex(new byte[9000 + random.nextInt(2000)])); // over maxFileSize: 413
                default -> parts.set(at, part.replace("\r\n", "\n"));
            }
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (String part : parts) {
            body.writeBytes(("--" + BOUNDARY + "\r\n" + part + "\r\n").getBytes(StandardCharsets.UTF_8));
        }
        if (random.nextInt(6) != 0) {
            body.writeBytes(("--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.UTF_8));
        }
        byte[] bytes = body.toByteArray();
        if (random.nextInt(5) == 0) {
            bytes = java.util.Arrays.copyOf(bytes, random.nextInt(bytes.length + 1)); // cut short
        }
        if (random.nextInt(5) == 0 && bytes.length > 0) {
            bytes[random.nextInt(bytes.length)] = (byte) random.nextInt(256);
        }
        return bytes;
    }

    private static String pick(String[] choices, Random random) {
        return choices[random.nextInt(choices.length)];
    }
}
