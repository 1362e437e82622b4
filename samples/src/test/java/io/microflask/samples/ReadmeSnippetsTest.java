package io.microflask.samples;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every Java snippet in the README and in docs/coming-from-flask.md is real code: its lines
 * appear, in order, in one source file of the repository (which the build compiles and the tests
 * run). An edit to the code that the document does not follow fails here, naming the snippet.
 * The Flask guide's links must also name files and sections that exist.
 */
class ReadmeSnippetsTest {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Path FLASK_GUIDE = ROOT.resolve("docs/coming-from-flask.md");
    private static final Pattern MARKDOWN_LINK = Pattern.compile("\\]\\(([^)\\s]+)\\)");

    @Test
    void everyJavaSnippetIsInTheSources() throws IOException {
        assertSnippetsAreInTheSources(ROOT.resolve("README.md"));
    }

    @Test
    void everyJavaSnippetOfTheFlaskGuideIsInTheSources() throws IOException {
        assertSnippetsAreInTheSources(FLASK_GUIDE);
    }

    @Test
    void everyLinkOfTheFlaskGuideNamesAFileAndASectionThatExist() throws IOException {
        List<String> lines = Files.readAllLines(FLASK_GUIDE);
        int links = 0;
        for (String line : lines) {
            Matcher link = MARKDOWN_LINK.matcher(line);
            while (link.find()) {
                String target = link.group(1);
                if (target.startsWith("http://") || target.startsWith("https://")) {
                    continue;
                }
                links++;
                int hash = target.indexOf('#');
                String file = hash < 0 ? target : target.substring(0, hash);
                Path document = file.isEmpty() ? FLASK_GUIDE : FLASK_GUIDE.getParent().resolve(file).normalize();
                assertTrue(Files.exists(document), "docs/coming-from-flask.md links to a missing file: " + target);
                if (hash >= 0) {
                    String anchor = target.substring(hash + 1);
                    assertTrue(anchors(document).contains(anchor),
                            "docs/coming-from-flask.md links to a section that " + ROOT.relativize(document)
                                    + " does not have: " + target);
                }
            }
        }
        assertTrue(links > 50, "the guide links each row to its section; found " + links + " links");
    }

    private static void assertSnippetsAreInTheSources(Path document) throws IOException {
        String name = ROOT.relativize(document).toString();
        List<List<String>> snippets = javaSnippets(Files.readAllLines(document));
        assertFalse(snippets.isEmpty(), name + " has Java snippets");
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
            assertTrue(found, "this snippet of " + name + " is not in any source file (update " + name
                    + " or the code):\n" + String.join("\n", snippet));
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

    /** The anchors GitHub makes for a Markdown file's headings (outside code blocks). */
    private static Set<String> anchors(Path document) throws IOException {
        Set<String> anchors = new HashSet<>();
        boolean inCode = false;
        for (String line : Files.readAllLines(document)) {
            if (line.strip().startsWith("```")) {
                inCode = !inCode;
            } else if (!inCode && line.startsWith("#")) {
                String slug = line.replaceFirst("^#+\\s*", "").strip().toLowerCase(Locale.ROOT)
                        .replaceAll("[^\\p{L}\\p{N} _-]", "").replace(' ', '-');
                String unique = slug;
                for (int n = 1; !anchors.add(unique); n++) {
                    unique = slug + "-" + n;
                }
            }
        }
        return anchors;
    }
}
