package io.microflask.samples.notes;

import io.microflask.HttpException;
import io.microflask.Request;
import io.microflask.Response;
import io.microflask.Route;
import io.microflask.UploadedFile;
import io.microflask.render.View;

import java.io.IOException;
import java.util.UUID;

/**
 * The HTML pages: the notes with their form, a greeting, an upload (up to 64 MiB, streamed to disk)
 * and its download (with ranges and validators), and a crash on purpose.
 */
public class NotesPages {
    private final NoteStore store;
    private final Uploads uploads = Uploads.shared();

    public NotesPages(NoteStore store) {
        this.store = store;
    }


    @Route("/")
    public View index() {
        return View.of("index").with("notes", store.all());
    }

    @Route(value = "/notes", methods = "POST")
    public Response add(Request request) {
        String text = request.form("text");
        if (text == null || text.isBlank()) {
            request.flash("A note needs some text.", "error");
        } else {
            String tooLong = Note.tooLong(text.strip());
            if (tooLong != null) {
                throw HttpException.abort(400, tooLong);
            }
            store.add(text.strip());
            request.flash("Note saved.", "success");
        }
        return Response.redirect(request.urlFor("notesPages.index"), 303);
    }

    @Route("/hello/<name>")
    public View hello(String name) {
        // {{name}} in the template is escaped: /hello/<script> shows the text and runs nothing.
        return View.of("hello").with("name", name);
    }

    @Route(value = "/upload", methods = "POST", maxBodySize = 64L << 20)
    public View upload(UploadedFile file) throws IOException {
        Uploads.Stored stored = uploads.store(file);
        return View.of("uploaded").with("filename", file.filename()).with("size", file.size())
                .with("id", stored.id().toString());
    }

    @Route("/uploads/<uuid:id>")
    public Response download(UUID id) {
        Uploads.Stored stored = uploads.find(id);
        if (stored == null) {
            throw HttpException.abort(404, "There is no upload " + id + ".");
        }
        // Served as bytes to download, never rendered: the client chose the file and its type.
        return Response.file(stored.path(), Response.OCTET_STREAM).attachment(stored.filename());
    }

    @Route("/crash")
    public String crash() {
        throw new IllegalStateException("This page fails on purpose: compare it with and without --debug.");
    }
}
