package io.microflask.samples;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every Java snippet in the README is real code: its lines appear, in order, in one source file
 * of the repository (which the build compiles and the tests run). An edit to the code that the
 * README does not follow fails here, naming the snippet.
 */
class ReadmeSnippetsTest {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    @Test
    void everyJavaSnippetIsInTheSources() throws IOException {
        List<List<String>> snippets = javaSnippets(Files.readAllLines(ROOT.resolve("README.md")));
        assertFalse(snippets.isEmpty(), "the README has Java snippets");
        List<List<String>> sources = new ArrayList<>();
        try (Stream<Path> files = Files.walk(ROOT)) {
            for (Path file : files.filter(p -> p.toString().endsWith(".java"))
                    .filter(p -> p.toString().contains("/src/")).filter(p -> !p.toString().contains("/target/"))
                    .toList()) {
                sources.add(Files.readAllLines(file).stream().map(String::strip).toList());
            }
        }
        for (List<String> snippet : snippets) {
            boolean found = sources.stream().anyMatch(source -> containsInOrder(source, snippet));
            assertTrue(found, "this README snippet is not in any source file (update the README or the code):\n"
                    + String.join("\n", snippet));
        }
    }

    private static List<List<String>> javaSnippets(List<String> readme) {
        List<List<String>> snippets = new ArrayList<>();
        List<String> current = null;
        for (String line : readme) {
            if (current == null && line.strip().equals("```java")) {
                current = new ArrayList<>();
            } else if (current != null && line.strip().equals("```")) {
                snippets.add(current);
                current = null;
            } else if (current != null && !line.isBlank()) {
                current.add(line.strip());
            }
        }
        return snippets;
    }

    private static boolean containsInOrder(List<String> source, List<String> snippet) {
        int at = 0;
        for (String line : snippet) {
            while (at < source.size() && !source.get(at).equals(line)) {
                at++;
            }
            if (at == source.size()) {
                return false;
            }
            at++;
        }
        return true;
    }
}
