package io.microflask.samples.flaskr;

import io.microflask.Form;
import io.microflask.HttpException;
import io.microflask.Request;
import io.microflask.Response;
import io.microflask.Route;
import io.microflask.render.View;
import io.microflask.samples.guide.LoginRequired;

import java.util.List;
import java.util.NavigableMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Flaskr's {@code blog.py} (Flask's tutorial) for docs/coming-from-flask.md: the posts, newest
 * first, written and deleted by logged-in users. Posts are kept in memory.
 */
public class Blog {
    private final NavigableMap<Integer, Post> posts = new ConcurrentSkipListMap<>();
    private final AtomicInteger ids = new AtomicInteger();

    /** One post. */
    public record Post(int id, String title, String body, String author) {
    }

    /** The posts, newest first. */
    @Route("/")
    public View index() {
        return View.of("flaskr/index").with("posts", List.copyOf(posts.descendingMap().values()));
    }

    /** The form for a new post. */
    @LoginRequired
    @Route("/create")
    public View createForm() {
        return View.of("flaskr/create");
    }

    /** Stores a post by the logged-in user. */
    @LoginRequired
    @Route(value = "/create", methods = "POST")
    public Response create(Request request, @Form("title") String title,
                           @Form(value = "body", defaultValue = "") String body) {
        if (title.isBlank()) {
            request.flash("Title is required.", "error");
            return Response.redirect(request.urlFor(".createForm"), 303);
        }
        int id = ids.incrementAndGet();
        posts.put(id, new Post(id, title.strip(), body, request.attribute("user")));
        return Response.redirect(request.urlFor("blog.index"), 303);
    }

    /** One post, or Flask's {@code abort(404, ...)}. */
    @Route("/<int:id>")
    public View post(int id) {
        return View.of("flaskr/post").with("post", find(id));
    }

    /** Deletes a post of the logged-in user; someone else's is a 403. */
    @LoginRequired
    @Route(value = "/<int:id>/delete", methods = "POST")
    public Response delete(Request request, int id) {
        Post post = find(id);
        if (!post.author().equals(request.attribute("user"))) {
            throw HttpException.abort(403);
        }
        posts.remove(id);
        return Response.redirect(request.urlFor("blog.index"), 303);
    }

    private Post find(int id) {
        Post post = posts.get(id);
        if (post == null) {
            throw HttpException.abort(404, "Post id " + id + " doesn't exist.");
        }
        return post;
    }
}
