package io.microflask.samples;

import io.microflask.App;
import io.microflask.BeforeRequest;
import io.microflask.Html;
import io.microflask.Request;
import io.microflask.Response;
import io.microflask.Route;
import io.microflask.multipart.UploadedFile;
import io.microflask.session.FlashMessage;
import io.microflask.session.Session;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Sessions, flash messages, static files, uploads, url_for and request hooks in one small app:
 * log in (any user name, password {@code "secret"}), upload files, log out.
 *
 * <pre>
 * MICROFLASK_SECRET_KEY=$(openssl rand -hex 32) \
 *   mvn -pl samples -am compile exec:java -Dexec.mainClass=io.microflask.samples.WebEssentialsApp
 * </pre>
 */
public class WebEssentialsApp {
    private static final String PASSWORD = "secret";

    /** Runs before every request: who is logged in, for every page (Flask's {@code g.user}). */
    @BeforeRequest
    public void loadUser(Request request) {
        request.attribute("user", request.session().getString("user"));
    }

    @Route("/")
    public String index(Request request) {
        String user = request.attribute("user");
        String body = user == null
                ? "<p>You are not logged in. <a href=\"" + request.urlFor("webEssentialsApp.loginForm")
                + "\">Log in</a></p>"
                : "<p>Hello, " + Html.escape(user) + "! <a href=\"" + request.urlFor("files.list")
                + "\">Your files</a></p>";
        return page(request, "Home", body);
    }

    @Route("/login")
    public String loginForm(Request request) {
        return page(request, "Log in", "<form method=\"post\" action=\"" + request.urlFor("webEssentialsApp.login")
                + "\"><label>User <input name=\"user\" required></label>"
                + "<label>Password <input name=\"password\" type=\"password\" required></label>"
                + "<button>Log in</button></form>");
    }

    @Route(value = "/login", methods = "POST")
    public Response login(Request request, Session session) {
        String user = request.form("user");
        if (user == null || user.isBlank() || !PASSWORD.equals(request.form("password"))) {
            request.flash("Wrong user name or password.", "error");
            return Response.redirect(request.urlFor("webEssentialsApp.loginForm"), 303);
        }
        session.put("user", user.trim());
        request.flash("Welcome, " + user.trim() + "!", "success");
        return Response.redirect(request.urlFor("webEssentialsApp.index"), 303);
    }

    @Route(value = "/logout", methods = "POST")
    public Response logout(Request request) {
        request.session().clear();
        request.flash("You are logged out.");
        return Response.redirect(request.urlFor("webEssentialsApp.index"), 303);
    }

    /** Uploads: a blueprint under /files whose before-request hook lets only logged-in users in. */
    @Route("/files")
    public static class Files {
        private final Path directory;

        public Files(Path directory) {
            this.directory = directory;
        }

        @BeforeRequest
        public Response requireLogin(Request request) {
            if (request.attribute("user") == null) {
                request.flash("Please log in first.", "error");
                return Response.redirect(request.urlFor("webEssentialsApp.loginForm"), 303);
            }
            return null;
        }

        @Route("/")
        public String list(Request request) throws IOException {
            StringBuilder items = new StringBuilder("<ul>");
            try (Stream<Path> files = java.nio.file.Files.list(directory)) {
                files.map(path -> path.getFileName().toString()).sorted()
                        .forEach(name -> items.append("<li>").append(Html.escape(name)).append("</li>"));
            }
            items.append("</ul>");
            return page(request, "Your files", items + "<form method=\"post\" enctype=\"multipart/form-data\" action=\""
                    + request.urlFor(".upload") + "\"><input type=\"file\" name=\"document\" required>"
                    + "<button>Upload</button></form>");
        }

        @Route(value = "/upload", methods = "POST")
        public Response upload(Request request, UploadedFile document) throws IOException {
            String name = document.safeFilename();
            if (name.isEmpty()) {
                request.flash("That file name cannot be used.", "error");
            } else {
                document.transferTo(directory.resolve(name));
                request.flash("Uploaded " + name + " (" + document.size() + " bytes).", "success");
            }
            return Response.redirect(request.urlFor(".list"), 303);
        }
    }

    static String page(Request request, String title, String body) {
        StringBuilder html = new StringBuilder("<!doctype html><html><head><meta charset=\"utf-8\"><title>")
                .append(Html.escape(title)).append("</title><link rel=\"stylesheet\" href=\"")
                .append(request.urlFor("static", Map.of("filename", "style.css"))).append("\"></head><body><nav>")
                .append("<a href=\"").append(request.urlFor("webEssentialsApp.index")).append("\">Home</a>");
        if (request.attribute("user") != null) {
            html.append("<form method=\"post\" action=\"").append(request.urlFor("webEssentialsApp.logout"))
                    .append("\"><button>Log out</button></form>");
        }
        html.append("</nav>");
        for (FlashMessage flash : request.flashes()) {
            html.append("<p class=\"flash ").append(Html.escape(flash.category())).append("\">")
                    .append(Html.escape(flash.message())).append("</p>");
        }
        return html.append("<h1>").append(Html.escape(title)).append("</h1>").append(body)
                .append("</body></html>").toString();
    }

    /** The app, storing uploads in {@code uploads}. */
    public static App create(Path uploads) {
        App app = new App();
        if (System.getenv("MICROFLASK_SECRET_KEY") == null) {
            // Development only: a real deployment sets MICROFLASK_SECRET_KEY, shared by all its instances.
            app.settings().secretKey("dev-only-key-change-me-0123456789abcdef");
        }
        app.settings().staticMaxAge(Duration.ofMinutes(10)).maxFileSize(5L * 1024 * 1024);
        return app.register(new WebEssentialsApp(), new Files(uploads));
    }

    public static void main(String[] args) {
        Path uploads;
        try {
            uploads = java.nio.file.Files.createDirectories(Path.of("uploads"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        create(uploads).run("127.0.0.1", 5000, false);
    }
}
