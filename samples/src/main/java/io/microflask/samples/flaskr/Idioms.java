package io.microflask.samples.flaskr;

import io.microflask.AfterRequest;
import io.microflask.ErrorHandler;
import io.microflask.Header;
import io.microflask.HttpException;
import io.microflask.Query;
import io.microflask.Request;
import io.microflask.Response;
import io.microflask.Route;
import io.microflask.TeardownRequest;
import io.microflask.UploadedFile;
import io.microflask.json.Body;
import io.microflask.json.Json;
import io.microflask.json.JsonResponse;
import io.microflask.render.Templates;
import io.microflask.util.Html;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The request and response idioms of a Flask tutorial, one handler each, for
 * docs/coming-from-flask.md: query arguments, uploads, JSON, headers, cookies,
 * {@code make_response}, {@code send_file}, streaming, {@code render_template_string}, an error
 * handler and the after and teardown hooks.
 */
public class Idioms {
    private static final Logger log = LoggerFactory.getLogger(Idioms.class);
    private static final Pattern STORED_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}");

    private final Path uploads;

    /** Idioms that keep uploads in {@code uploads} (made when the first file arrives). */
    public Idioms(Path uploads) {
        this.uploads = uploads;
    }

    /** A new post from a JSON body. */
    public record NewPost(String title, String body) {
    }

    /** {@code request.args.get("q", "")} and {@code request.args.get("page", 1, type=int)}. */
    @Route("/search")
    public String search(@Query(value = "q", defaultValue = "") String q,
                         @Query(value = "page", defaultValue = "1") int page) {
        return "results for " + Html.escape(q) + ", page " + page;
    }

    /** {@code request.files["photo"]} saved under its {@code secure_filename}. */
    @Route(value = "/photos", methods = "POST")
    public Response upload(Request request, UploadedFile photo) throws IOException {
        String name = photo.safeFilename();
        if (!STORED_NAME.matcher(name).matches()) {
            throw HttpException.abort(400, "Name the file with letters, digits, '.', '-' or '_'.");
        }
        Files.createDirectories(uploads);
        photo.transferTo(uploads.resolve(name));
        return Response.redirect(request.urlFor(".photo", Map.of("name", name)), 303);
    }

    /** {@code send_from_directory(UPLOADS, name)}: only a name this app could have stored. */
    @Route("/photos/<name>")
    public Response photo(String name) {
        Path file = uploads.resolve(name);
        if (!STORED_NAME.matcher(name).matches() || !Files.isRegularFile(file)) {
            throw HttpException.abort(404);
        }
        return Response.file(file, Response.OCTET_STREAM).attachment(name);
    }

    /** {@code request.get_json()} into a record, answered with {@code jsonify(...), 201}. */
    @Route(value = "/api/posts", methods = "POST")
    public JsonResponse<Map<String, Object>> createPost(@Body NewPost post) {
        return Json.status(201, Map.of("title", post.title(), "words", post.body().split("\\s+").length));
    }

    /** Returning a dict: any map, record or list is JSON. */
    @Route("/api/status")
    public Map<String, Object> status() {
        return Map.of("ok", true);
    }

    /** {@code request.headers.get("User-Agent")} and {@code request.cookies.get("theme", "light")}. */
    @Route("/whoami")
    public String whoami(Request request, @Header(value = "User-Agent", defaultValue = "unknown") String agent) {
        String theme = request.cookie("theme") == null ? "light" : request.cookie("theme");
        return Html.escape(agent) + " prefers " + Html.escape(theme);
    }

    /** {@code make_response(...)} with a header and a cookie set on it. */
    @Route("/dark")
    public Response dark() {
        return Response.html("<p>Dark it is.</p>").header("X-Theme", "dark").cookie("theme", "dark");
    }

    /** {@code render_template_string("<p>Hello {{ name }}!</p>", name=name)}. */
    @Route("/greet/<name>")
    public Response greet(Request request, String name) {
        return Templates.renderString(request, "<p>Hello {{name}}!</p>", Map.of("name", name));
    }

    /** A generator body ({@code stream_with_context}): the lambda keeps what it needs. */
    @Route("/export.csv")
    public Response export(@Query(value = "rows", defaultValue = "3") int rows) {
        return Response.stream("text/csv; charset=utf-8", out -> {
            for (int row = 1; row <= rows; row++) {
                out.write(row + ",row " + row + "\n");
            }
        });
    }

    /** {@code @app.errorhandler(404)}: a page of our own, still a 404. */
    @ErrorHandler(status = 404)
    public Response notFound(Request request, HttpException e) {
        return Templates.render(request, "flaskr/error", Map.of("message", e.getMessage())).status(404);
    }

    /** {@code @app.after_request}: every answer, errors included, gets the header. */
    @AfterRequest
    public void poweredBy(Response response) {
        response.header("X-Powered-By", "microflask");
    }

    /**
     * {@code @app.teardown_request}, logging through SLF4J as Flask's {@code app.logger} would. It
     * also sees an {@link HttpException} (an {@code abort}), which Flask's teardown does not.
     */
    @TeardownRequest
    public void logFailure(Request request, Throwable failure) {
        if (failure != null && !(failure instanceof HttpException)) {
            log.warn("{} {} failed: {}", request.method(), request.path(), failure.toString());
        }
    }
}
