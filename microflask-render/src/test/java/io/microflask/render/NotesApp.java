package io.microflask.render;

import io.microflask.ErrorHandler;
import io.microflask.HttpException;
import io.microflask.Request;
import io.microflask.Response;
import io.microflask.Route;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/** The app the README's snippets come from: a page with a layout, a partial, a loop and a form. */
public class NotesApp {
    public record Note(String title) {
    }

    private final List<Note> notes = new CopyOnWriteArrayList<>(List.of(new Note("Buy milk"), new Note("Call Bob")));

    @Route("/notes")
    public View notes() {
        return View.of("notes").with("title", "Notes").with("notes", notes);
    }

    @Route(value = "/notes", methods = {"POST"})
    public Response create(Request request) {
        String title = request.form("title");
        if (title == null || title.isBlank()) {
            return Templates.render(request, "notes", Map.of("title", "Notes", "notes", notes,
                    "error", "A note needs a title.")).status(422);
        }
        notes.add(new Note(title));
        return Response.redirect("/notes", 303);
    }

    @Route("/hello/<name>")
    public View hello(String name) {
        return View.of("hello", Map.of("name", name));
    }

    @Route("/raw")
    public View raw(Request request) {
        return View.of("raw").with("html", request.query("html"));
    }

    @Route("/anything")
    public Object anything() {
        return View.of("hello").with("name", "declared as Object");
    }

    @Route("/gone")
    public String gone() {
        throw new HttpException(404, "No such note.");
    }

    @ErrorHandler(status = 404)
    public View notFound(String message) {
        return View.of("error").with("message", message);
    }
}
