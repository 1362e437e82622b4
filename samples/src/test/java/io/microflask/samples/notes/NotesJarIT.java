package io.microflask.samples.notes;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.ConnectException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The runnable jar ({@code target/notes.jar}, built by maven-shade in {@code package}) in a JVM of
 * its own, as {@code java -jar} runs it: every extension's service file survived the shading, it
 * serves a template page, JSON and a static file on the port the OS chose, and at SIGTERM its
 * readiness turns 503 while the port still answers, then the port closes and it exits 0.
 */
class NotesJarIT {
    private static final Pattern RUNNING_ON = Pattern.compile("Running on http://127\\.0\\.0\\.1:(\\d+)");
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final List<String> output = new ArrayList<>();
    private Process process;

    @TempDir
    Path workingDirectory;

    @AfterEach
    void stop() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
    }

    private static Path jar() {
        Path jar = Paths.get(System.getProperty("notes.jar", "target/notes.jar"));
        assertTrue(Files.isRegularFile(jar), jar + " is missing: run mvn -pl samples -am verify (package builds it)");
        return jar;
    }

    @Test
    void theShadedJarKeepsEveryServiceFile() throws IOException {
        try (JarFile jar = new JarFile(jar().toFile())) {
            String extensions = read(jar.getInputStream(jar.getEntry("META-INF/services/io.microflask.spi.Extension")));
            for (String extension : List.of("io.microflask.json.JsonExtension", "io.microflask.render.RenderExtension",
                    "io.microflask.devtools.DevTools", "io.microflask.metrics.MetricsExtension")) {
                assertTrue(extensions.contains(extension), extension + " in " + extensions);
            }
            String engine = read(jar.getInputStream(jar.getEntry("META-INF/services/io.microflask.App$EngineFactory")));
            assertTrue(engine.contains("io.microflask.boot.CoreEngineFactory"), engine);
            assertEquals("io.microflask.samples.notes.NotesApp", jar.getManifest().getMainAttributes().getValue("Main-Class"));
        }
    }

    @Test
    void javaDashJarServesPagesJsonAndStaticFilesThenDrainsAtSigterm() throws Exception {
        String java = Paths.get(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder builder = new ProcessBuilder(java, "-Xmx256m", "-XX:TieredStopAtLevel=1", "-jar",
                jar().toAbsolutePath().toString())
                .directory(workingDirectory.toFile()).redirectErrorStream(true);
        builder.environment().put("MICROFLASK_SECRET_KEY", "notes-jar-it-0123456789abcdef0123456789");
        builder.environment().put("MICROFLASK_HOST", "127.0.0.1");
        builder.environment().put("MICROFLASK_PORT", "0");
        builder.environment().put("MICROFLASK_DEBUG", "0");
        builder.environment().put("MICROFLASK_DRAIN_PERIOD", "5");
        builder.environment().put("MICROFLASK_ACCESS_LOG", "combined");
        process = builder.start();
        Thread reader = new Thread(this::collectOutput, "notes-jar-output");
        reader.setDaemon(true);
        reader.start();
        int port = awaitPort();
        String base = "http://127.0.0.1:" + port;

        HttpResponse<String> page = get(base + "/");
        assertEquals(200, page.statusCode(), page.body());
        assertTrue(page.headers().firstValue("content-type").orElse("").startsWith("text/html"));
        assertTrue(page.body().contains("No notes yet.") && page.body().contains("/static/style.css"), page.body());
        HttpResponse<String> json = get(base + "/api/notes");
        assertEquals(200, json.statusCode());
        assertEquals("application/json", json.headers().firstValue("content-type").orElse(""));
        assertEquals("[]", json.body());
        HttpResponse<String> css = get(base + "/static/style.css");
        assertEquals(200, css.statusCode());
        assertTrue(css.headers().firstValue("content-type").orElse("").startsWith("text/css"));
        assertEquals(200, get(base + "/readyz").statusCode());
        HttpResponse<String> metrics = get(base + "/metrics");
        assertTrue(metrics.body().contains("http_server_requests_seconds_count{method=\"GET\",route=\"/api/notes\","
                + "status=\"200\"} 1"), metrics.body());
        assertTrue(awaitOutput("\"GET /api/notes HTTP/1.1\" 200 2 \"-\" \"Java-http-client"),
                "a combined access line for the JSON request: " + output());

        // SIGTERM through the handle: Process.destroy() would also close our end of its output.
        assertTrue(process.toHandle().destroy(), "SIGTERM could not be sent");
        int status = 0;
        for (int i = 0; i < 1000 && status != 503; i++) {
            status = get(base + "/readyz").statusCode();
            if (status != 503) {
                Thread.sleep(10);
            }
        }
        assertEquals(503, status, "readiness while draining: " + output());
        assertEquals(200, get(base + "/api/notes").statusCode(), "the port still answers while draining");
        boolean refused = false;
        for (int i = 0; i < 3000 && !refused; i++) {
            try (Socket socket = new Socket("127.0.0.1", port)) {
                Thread.sleep(10);
            } catch (ConnectException closed) {
                refused = true;
            }
        }
        assertTrue(refused, "the port closes after the drain");
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "exits after SIGTERM");
        assertEquals(0, process.exitValue(), output());
        reader.join(10_000);
        assertTrue(output().contains("every answer in flight was written in full"), output());
    }

    private HttpResponse<String> get(String url) throws IOException, InterruptedException {
        return client.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private void collectOutput() {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null) {
                synchronized (output) {
                    output.add(line);
                    output.notifyAll();
                }
            }
        } catch (IOException e) {
            // The process ended.
        }
    }

    private String output() {
        synchronized (output) {
            return String.join("\n", output);
        }
    }

    private boolean awaitOutput(String text) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        synchronized (output) {
            while (!String.join("\n", output).contains(text) && System.nanoTime() < deadline) {
                output.wait(100);
            }
            return String.join("\n", output).contains(text);
        }
    }

    /** The port from the banner's "Running on" line (MICROFLASK_PORT=0: the OS picked it). */
    private int awaitPort() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        synchronized (output) {
            while (System.nanoTime() < deadline) {
                Matcher found = RUNNING_ON.matcher(String.join("\n", output));
                if (found.find()) {
                    return Integer.parseInt(found.group(1));
                }
                if (!process.isAlive()) {
                    break;
                }
                output.wait(100);
            }
        }
        throw new AssertionError("the jar printed no 'Running on' line: " + output());
    }

    private static String read(InputStream in) throws IOException {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
