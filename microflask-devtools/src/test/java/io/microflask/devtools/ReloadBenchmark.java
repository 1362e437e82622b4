package io.microflask.devtools;

import io.microflask.App;
import io.microflask.RunningServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Measures save-to-new-answer for the samples app: its {@code HelloApp.java} is copied into a
 * temp project, started in debug mode, and edited {@value #SAVES} times; each time the clock
 * runs from the write of the file to the first answer with the new text. Run it with
 * {@code mvn -pl microflask-devtools -am test -Dtest=ReloadBenchmark -Dbenchmark=true
 * -Dsurefire.failIfNoSpecifiedTests=false}.
 */
@EnabledIfSystemProperty(named = "benchmark", matches = "true")
class ReloadBenchmark {
    private static final int SAVES = 15;
    private static final Path SAMPLE = Path.of("../samples/src/main/java/io/microflask/samples/HelloApp.java");

    @Test
    void saveToNewAnswer() throws Exception {
        assertTrue(Files.isRegularFile(SAMPLE), "run from microflask-devtools; " + SAMPLE + " not found");
        String original = Files.readString(SAMPLE);
        HttpClient http = HttpClient.newHttpClient();
        List<Long> millis = new ArrayList<>();
        try (TempProject project = new TempProject()) {
            Path file = project.writeSource("io/microflask/samples/HelloApp.java", original);
            project.compile();
            App app = new App().register(project.newInstance("io.microflask.samples.HelloApp"));
            try (RunningServer server = app.start("127.0.0.1", 0, true)) {
                Thread.sleep(1500); // let the compiler warm up, as it has by the time a developer saves
                for (int save = 1; save <= SAVES; save++) {
                    String marker = "bench-" + save;
                    String edited = original.substring(0, original.lastIndexOf('}'))
                            + "    @io.microflask.Route(\"/__bench\")\n    public String bench() {\n        return \""
                            + marker + "\";\n    }\n}\n";
                    long saved = System.nanoTime();
                    TempProject.write(file, edited);
                    long deadline = saved + Duration.ofSeconds(30).toNanos();
                    while (true) {
                        HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                                URI.create(server.url() + "/__bench")).build(), HttpResponse.BodyHandlers.ofString());
                        if (response.body().equals(marker)) {
                            break;
                        }
                        if (System.nanoTime() > deadline) {
                            throw new AssertionError("save " + save + " never answered: " + response.body());
                        }
                        Thread.sleep(2);
                    }
                    millis.add((System.nanoTime() - saved) / 1_000_000);
                    Thread.sleep(300);
                }
            }
        }
        List<Long> sorted = new ArrayList<>(millis);
        Collections.sort(sorted);
        System.out.printf("devtools reload benchmark (samples HelloApp, %d saves): median %d ms, min %d ms, "
                + "max %d ms; all: %s%n", SAVES, sorted.get(sorted.size() / 2), sorted.get(0),
                sorted.get(sorted.size() - 1), millis);
    }
}
