package io.microflask.bench;

import io.microflask.App;
import io.microflask.Response;
import io.microflask.Route;
import io.microflask.TestClient;
import io.microflask.render.RenderExtension;
import io.microflask.render.View;
import org.openjdk.jmh.annotations.*;

import java.io.IOException;
import java.io.StringWriter;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** A page with a layout, a partial, a loop of escaped values and a form: pooled buffer vs String vs whole pipeline. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class RenderBenchmark {
    @Param({"10", "200"})
    public int notes;

    private Path root;
    private URLClassLoader templates;
    private RenderExtension render;
    private View page;
    private TestClient client;

    public record Note(String title, String author) {
    }

    public static class NotesPage {
        private final View page;

        NotesPage(View page) {
            this.page = page;
        }

        @Route("/notes")
        public View notes() {
            return page;
        }
    }

    @Setup
    public void setUp() throws IOException {
        root = Files.createTempDirectory("render-bench");
        Path dir = Files.createDirectories(root.resolve("templates"));
        Files.writeString(dir.resolve("layout.mustache"), """
                <!doctype html>
                <html lang="en">
                <head><meta charset="utf-8"><title>{{$title}}microflask{{/title}}</title></head>
                <body>
                <nav><a href="/">Home</a></nav>
                <main>
                {{$content}}{{/content}}
                </main>
                </body>
                </html>
                """);
        Files.writeString(dir.resolve("note.mustache"), """
                <li class="note"><b>{{title}}</b> by {{author}}</li>
                """);
        Files.writeString(dir.resolve("notes.mustache"), """
                {{<layout}}
                {{$title}}{{title}}{{/title}}
                {{$content}}
                <ul>
                {{#notes}}
                {{>note}}
                {{/notes}}
                </ul>
                <form method="post" action="/notes">
                  <input name="title" value="">
                  <button type="submit">Add</button>
                </form>
                {{/content}}
                {{/layout}}
                """);
        List<Note> list = new ArrayList<>();
        for (int i = 0; i < notes; i++) {
            list.add(new Note("Note <" + i + "> & more", "Zoë \"" + i + "\""));
        }
        page = View.of("notes").with("title", "Notes").with("notes", list);
        templates = new URLClassLoader(new URL[] {root.toUri().toURL()}, RenderBenchmark.class.getClassLoader());
        render = new RenderExtension(templates).autoReload(false);
        client = App.withoutExtensionDiscovery().install(render).register(new NotesPage(page)).testClient();
    }

    @TearDown
    public void tearDown() throws IOException {
        templates.close();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
        }
    }

    @Benchmark
    public int pooledBuffer() {
        Response response = render.render(null, page);
        int length = response.bodyBuffer().readableBytes();
        response.releaseBody();
        return length;
    }

    @Benchmark
    public int viaString() {
        StringWriter out = new StringWriter(4096);
        render.renderTo(out, page, null);
        Response response = Response.html(out.toString());
        int length = response.bodyBuffer().readableBytes();
        response.releaseBody();
        return length;
    }

    @Benchmark
    public int wholePipeline() {
        return client.get("/notes").body().length;
    }
}
