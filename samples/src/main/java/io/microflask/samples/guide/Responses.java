package io.microflask.samples.guide;

import io.microflask.Cookie;
import io.microflask.HttpException;
import io.microflask.Request;
import io.microflask.Response;
import io.microflask.Route;

import java.time.Duration;

/** The README's response examples: redirects, text, cookies, Flask's abort. */
public class Responses {

    @Route("/old-page")
    public Response moved() {
        return Response.redirect("/new-page", 301);
    }

    @Route("/plain")
    public Response plain() {
        return Response.text("plain text").header("X-Trace", "abc123");
    }

    @Route("/theme/<name>")
    public Response theme(String name) {
        if (!name.matches("[a-z]{1,20}")) { // a cookie value cannot hold just anything (see Cookie)
            throw HttpException.abort(400, "A theme is a name in lower-case letters, e.g. dark.");
        }
        return Response.redirect("/", 303).cookie(new Cookie("theme", name).maxAge(Duration.ofDays(30)));
    }

    @Route("/notes/<int:id>/secret")
    public String secret(int id, Request request) {
        if (request.cookie("theme") == null) {
            throw HttpException.abort(403, "Pick a theme first.");
        }
        return "secret " + id;
    }
}
