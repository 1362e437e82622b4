package io.microflask.bench.tfb.verify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Checks a running TechEmpower app in the spirit of TechEmpower's own verifier, before it is put under load: for
 * every test type the status, the {@code Server}, {@code Date}, {@code Content-Type} and {@code Content-Length} (or
 * {@code Transfer-Encoding}) headers, the body's shape and values; the clamping of {@code queries}; the fortunes page
 * (escaping, the added row, the order, UTF-8); that the rows answered are the database's; that {@code /updates}
 * really wrote its rows; and, through {@code pg_stat_statements} when the database has it, that each request ran
 * one query per row (no caching, no bulk reads).
 *
 * <p>{@code java -Dtfb.db.url=... -jar tfb-verify.jar NAME BASE_URL}, e.g. {@code javalin http://127.0.0.1:18301};
 * the database properties are those of the apps ({@code tfb.db.url}, {@code tfb.db.user}, {@code tfb.db.password}).
 * Prints one line per check and exits with 1 when any failed.
 */
public final class TfbVerifier {
    private static final int WORLD_ROWS = 10_000;
    /** IMF-fixdate (RFC 9110 5.6.7): a two-digit day, English names, GMT. */
    private static final Pattern IMF_FIXDATE = Pattern.compile(
            "(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \\d{2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \\d{4} "
                    + "\\d{2}:\\d{2}:\\d{2} GMT");
    private static final Pattern JSON_TYPE = Pattern.compile("application/json(; ?charset=(UTF|utf)-8)?");
    private static final Pattern HTML_TYPE = Pattern.compile("text/html; ?charset=(UTF|utf)-8");
    private static final Pattern TEXT_TYPE = Pattern.compile("text/plain(; ?charset=(UTF|utf)-8)?");
    /** Marks the verifier's own queries, so that counting the app's queries leaves them out. */
    private static final String OWN = "/* tfb-verify */ ";

    private final String name;
    private final String base;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final ObjectMapper json = new ObjectMapper();
    private final Connection database;
    private final List<String> failures = new ArrayList<>();
    private int passed;

    private TfbVerifier(String name, String base, Connection database) {
        this.name = name;
        this.base = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
        this.database = database;
    }

    /** Verifies the app named {@code args[0]} at base URL {@code args[1]}; exits 1 when a check failed. */
    public static void main(String[] args) throws Exception {
        if (args.length != 2) {
            System.err.println("usage: java -Dtfb.db.url=jdbc:postgresql://... -jar tfb-verify.jar NAME BASE_URL");
            System.exit(2);
        }
        try (Connection database = DriverManager.getConnection(
                System.getProperty("tfb.db.url", "jdbc:postgresql://127.0.0.1:5432/hello_world"),
                System.getProperty("tfb.db.user", "benchmarkdbuser"),
                System.getProperty("tfb.db.password", "benchmarkdbpass"))) {
            TfbVerifier verifier = new TfbVerifier(args[0], args[1], database);
            verifier.verifyAll();
            System.out.printf("%s: %d checks passed, %d failed%n", verifier.name, verifier.passed,
                    verifier.failures.size());
            if (!verifier.failures.isEmpty()) {
                verifier.failures.forEach(failure -> System.out.println("  FAILED " + failure));
                System.exit(1);
            }
        }
    }

    private void verifyAll() throws Exception {
        plaintext();
        jsonTest();
        dateChangesBetweenSeconds();
        Map<Integer, Integer> table = worldTable();
        db(table);
        queries(table);
        fortunes();
        updates();
        queryCounts();
    }

    private void plaintext() throws Exception {
        Answer answer = get("/plaintext");
        headers(answer, TEXT_TYPE);
        check(answer.body().equals("Hello, World!"), answer.path(), "body is 'Hello, World!'", answer.body());
    }

    private void jsonTest() throws Exception {
        Answer answer = get("/json");
        headers(answer, JSON_TYPE);
        JsonNode body = parse(answer);
        check(body != null && body.isObject() && body.size() == 1
                        && "Hello, World!".equals(body.path("message").textValue()),
                answer.path(), "body is {\"message\":\"Hello, World!\"}", answer.body());
        check(answer.body().length() <= 27, answer.path(), "no needless whitespace (at most 27 bytes)",
                answer.body().length() + " bytes");
    }

    /** TechEmpower asks twice, seconds apart: a Date that never changes is a cached one. */
    private void dateChangesBetweenSeconds() throws Exception {
        String first = get("/json").header("date");
        long second = System.currentTimeMillis() / 1000;
        while (System.currentTimeMillis() / 1000 < second + 2) {
            Thread.sleep(50); // waiting for the wall clock itself: two seconds later the Date must differ
        }
        String later = get("/json").header("date");
        check(first != null && later != null && !first.equals(later), "/json", "Date follows the clock",
                first + " then " + later);
    }

    private void db(Map<Integer, Integer> table) throws Exception {
        for (int i = 0; i < 5; i++) {
            Answer answer = get("/db");
            if (i == 0) {
                headers(answer, JSON_TYPE);
            }
            JsonNode row = parse(answer);
            worldRow(answer.path(), row, table);
        }
    }

    private void queries(Map<Integer, Integer> table) throws Exception {
        // TechEmpower's cases and a few more: within range, under, over, not a number, empty, absent, huge.
        Map<String, Integer> cases = new LinkedHashMap<>();
        cases.put("?queries=2", 2);
        cases.put("?queries=20", 20);
        cases.put("?queries=0", 1);
        cases.put("?queries=-3", 1);
        cases.put("?queries=foo", 1);
        cases.put("?queries=501", 500);
        cases.put("?queries=", 1);
        cases.put("", 1);
        cases.put("?queries=99999999999", 500);
        for (Map.Entry<String, Integer> entry : cases.entrySet()) {
            Answer answer = get("/queries" + entry.getKey());
            headers(answer, JSON_TYPE);
            JsonNode rows = parse(answer);
            boolean list = rows != null && rows.isArray();
            check(list && rows.size() == entry.getValue(), answer.path(),
                    "a JSON array of " + entry.getValue() + " rows", list ? rows.size() + " rows" : answer.body());
            if (list) {
                int wrong = 0;
                for (JsonNode row : rows) {
                    wrong += worldShape(row) && table.get(row.get("id").intValue()).equals(row.get("randomNumber")
                            .intValue()) ? 0 : 1;
                }
                check(wrong == 0, answer.path(), "every row has the database's id and randomNumber",
                        wrong + " rows differ");
            }
        }
    }

    private void fortunes() throws Exception {
        Answer answer = get("/fortunes");
        headers(answer, HTML_TYPE);
        String page;
        try {
            page = FortunesHtml.normalise(answer.body());
        } catch (IllegalArgumentException e) {
            page = e.getMessage();
        }
        check(page.equals(FortunesHtml.EXPECTED), answer.path(),
                "the 13 fortunes, escaped, sorted by message, in UTF-8", firstDifference(FortunesHtml.EXPECTED, page));
    }

    private void updates() throws Exception {
        for (String query : new String[] {"?queries=0", "?queries=foo", "", "?queries=3"}) {
            Answer answer = get("/updates" + query);
            headers(answer, JSON_TYPE);
            JsonNode rows = parse(answer);
            int expected = query.endsWith("3") ? 3 : 1;
            check(rows != null && rows.isArray() && rows.size() == expected, answer.path(),
                    "a JSON array of " + expected + " rows", answer.body());
        }
        Map<Integer, Integer> before = worldTable();
        Answer answer = get("/updates?queries=501");
        headers(answer, JSON_TYPE);
        JsonNode rows = parse(answer);
        Map<Integer, Integer> after = worldTable();
        boolean list = rows != null && rows.isArray();
        check(list && rows.size() == 500, answer.path(), "a JSON array of 500 rows",
                list ? rows.size() + " rows" : answer.body());
        if (!list) {
            return;
        }
        // The last value answered for an id is the one written (an id may come up twice in one request).
        Map<Integer, Integer> answered = new HashMap<>();
        boolean shaped = true;
        for (JsonNode row : rows) {
            shaped &= worldShape(row);
            if (worldShape(row)) {
                answered.put(row.get("id").intValue(), row.get("randomNumber").intValue());
            }
        }
        check(shaped, answer.path(), "every row is {\"id\":1..10000,\"randomNumber\":1..10000}", answer.body());
        int stored = 0;
        int changed = 0;
        for (Map.Entry<Integer, Integer> row : answered.entrySet()) {
            stored += after.get(row.getKey()).equals(row.getValue()) ? 1 : 0;
            changed += before.get(row.getKey()).equals(after.get(row.getKey())) ? 0 : 1;
        }
        check(stored == answered.size(), answer.path(), "the database holds every answered number",
                stored + " of " + answered.size() + " rows");
        check(changed > answered.size() * 0.9, answer.path(), "the rows really changed in the database",
                changed + " of " + answered.size() + " rows changed");
    }

    /** TechEmpower's query count: each row is its own SELECT, and updates write every row; nothing is cached. */
    private void queryCounts() throws Exception {
        Optional<long[]> start = statements();
        if (start.isEmpty()) {
            System.out.println("  SKIPPED query counts: the database has no pg_stat_statements "
                    + "(shared_preload_libraries = 'pg_stat_statements' and CREATE EXTENSION pg_stat_statements)");
            return;
        }
        countOf("/db", 10, 10, 0, 0);
        countOf("/queries?queries=20", 10, 200, 0, 0);
        countOf("/fortunes", 10, 0, 0, 10);
        countOf("/updates?queries=20", 10, 200, 200, 0);
    }

    private void countOf(String path, int requests, long selects, long updatedRows, long fortuneQueries)
            throws Exception {
        long[] before = statements().orElseThrow();
        for (int i = 0; i < requests; i++) {
            get(path);
        }
        long[] after = statements().orElseThrow();
        long[] delta = {after[0] - before[0], after[1] - before[1], after[2] - before[2]};
        check(delta[0] == selects && delta[1] == updatedRows && delta[2] == fortuneQueries, path + " x" + requests,
                "ran " + selects + " World selects, updated " + updatedRows + " rows, ran " + fortuneQueries
                        + " Fortune queries",
                delta[0] + " selects, " + delta[1] + " rows updated, " + delta[2] + " Fortune queries");
    }

    /** World SELECT calls, World rows updated and Fortune queries so far, from pg_stat_statements. */
    private Optional<long[]> statements() throws SQLException {
        String sql = OWN + "SELECT"
                + " coalesce(sum(calls) FILTER (WHERE query ILIKE 'select%world%'), 0),"
                + " coalesce(sum(rows) FILTER (WHERE query ILIKE 'update%world%'), 0),"
                + " coalesce(sum(calls) FILTER (WHERE query ILIKE 'select%fortune%'), 0)"
                + " FROM pg_stat_statements WHERE query NOT LIKE '%tfb-verify%'";
        try (PreparedStatement statement = database.prepareStatement(sql); ResultSet row = statement.executeQuery()) {
            row.next();
            return Optional.of(new long[] {row.getLong(1), row.getLong(2), row.getLong(3)});
        } catch (SQLException e) {
            return Optional.empty();
        }
    }

    private Map<Integer, Integer> worldTable() throws SQLException {
        Map<Integer, Integer> table = new HashMap<>(WORLD_ROWS * 2);
        try (PreparedStatement statement = database.prepareStatement(OWN + "SELECT id, randomnumber FROM world");
             ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                table.put(rows.getInt(1), rows.getInt(2));
            }
        }
        if (table.size() != WORLD_ROWS) {
            throw new IllegalStateException("the World table has " + table.size() + " rows instead of " + WORLD_ROWS);
        }
        return table;
    }

    private void worldRow(String path, JsonNode row, Map<Integer, Integer> table) {
        boolean shaped = worldShape(row);
        check(shaped, path, "body is {\"id\":1..10000,\"randomNumber\":1..10000}", String.valueOf(row));
        if (shaped) {
            int id = row.get("id").intValue();
            check(table.get(id) == row.get("randomNumber").intValue(), path, "the row is the database's",
                    "id " + id + ": " + row.get("randomNumber") + " answered, " + table.get(id) + " stored");
        }
    }

    /** An object with exactly the int fields id (1..10000) and randomNumber (1..10000). */
    private static boolean worldShape(JsonNode row) {
        if (row == null || !row.isObject() || row.size() != 2) {
            return false;
        }
        JsonNode id = row.get("id");
        JsonNode number = row.get("randomNumber");
        return id != null && id.isInt() && id.intValue() >= 1 && id.intValue() <= WORLD_ROWS
                && number != null && number.isInt() && number.intValue() >= 1 && number.intValue() <= WORLD_ROWS;
    }

    private void headers(Answer answer, Pattern contentType) {
        String path = answer.path();
        check(answer.status() == 200, path, "status 200", String.valueOf(answer.status()));
        String server = answer.header("server");
        check(server != null && !server.isBlank(), path, "a Server header", server);
        String date = answer.header("date");
        check(date != null && IMF_FIXDATE.matcher(date).matches(), path, "a Date header in IMF-fixdate form", date);
        String type = answer.header("content-type");
        check(type != null && contentType.matcher(type).matches(), path, "Content-Type " + contentType.pattern(),
                type);
        String length = answer.header("content-length");
        String chunked = answer.header("transfer-encoding");
        check(chunked != null || (length != null && Integer.parseInt(length) == answer.bytesLength()), path,
                "Content-Length (the body's) or Transfer-Encoding", "Content-Length " + length + ", "
                        + answer.bytesLength() + " bytes");
    }

    private JsonNode parse(Answer answer) {
        try {
            return json.readTree(answer.body());
        } catch (IOException e) {
            check(false, answer.path(), "valid JSON", e.getMessage());
            return null;
        }
    }

    private void check(boolean ok, String path, String what, String got) {
        if (ok) {
            passed++;
        } else {
            failures.add(path + ": expected " + what + "; got " + abbreviate(got));
        }
    }

    private Answer get(String path) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(10))
                .header("Accept", "application/json,text/html;q=0.9,application/xhtml+xml;q=0.9,"
                        + "application/xml;q=0.8,*/*;q=0.7")
                .GET().build();
        HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        Map<String, String> headers = new HashMap<>();
        response.headers().map().forEach((key, values) -> headers.put(key.toLowerCase(), String.join(", ", values)));
        return new Answer(path, response.statusCode(), headers, response.body());
    }

    private static String firstDifference(String expected, String got) {
        Iterator<String> wanted = expected.lines().iterator();
        Iterator<String> actual = got.lines().iterator();
        int line = 1;
        while (wanted.hasNext() || actual.hasNext()) {
            String a = wanted.hasNext() ? wanted.next() : "(nothing)";
            String b = actual.hasNext() ? actual.next() : "(nothing)";
            if (!a.equals(b)) {
                return "line " + line + " is '" + b + "' instead of '" + a + "'";
            }
            line++;
        }
        return "the same";
    }

    private static String abbreviate(String text) {
        if (text == null) {
            return "nothing";
        }
        return text.length() > 300 ? text.substring(0, 300) + "..." : text;
    }

    private record Answer(String path, int status, Map<String, String> headers, byte[] bytes) {
        String header(String lowerCaseName) {
            return headers.get(lowerCaseName);
        }

        String body() {
            return new String(bytes, StandardCharsets.UTF_8);
        }

        int bytesLength() {
            return bytes.length;
        }
    }
}
