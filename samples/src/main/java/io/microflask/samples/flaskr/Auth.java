package io.microflask.samples.flaskr;

import io.microflask.BeforeAppRequest;
import io.microflask.Blueprint;
import io.microflask.Form;
import io.microflask.Passwords;
import io.microflask.Request;
import io.microflask.Response;
import io.microflask.Route;
import io.microflask.RouteInfo;
import io.microflask.Session;
import io.microflask.render.View;
import io.microflask.samples.guide.LoginRequired;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Flaskr's {@code auth.py} (Flask's tutorial) for docs/coming-from-flask.md: register, log in and
 * out, {@code g.user} for every request and {@code @login_required}. Users are kept in memory.
 */
public class Auth {
    private final Map<String, String> passwordHashes = new ConcurrentHashMap<>();

    /** {@code bp = Blueprint("auth", __name__, url_prefix="/auth")}, with this object's routes. */
    public static Blueprint blueprint() {
        return new Blueprint("auth", "/auth").register(new Auth());
    }

    /** The registration form. */
    @Route("/register")
    public View registerForm() {
        return View.of("flaskr/auth").with("title", "Register");
    }

    /** Stores a new user with a Werkzeug-format password hash. */
    @Route(value = "/register", methods = "POST")
    public Response register(Request request, @Form("username") String username, @Form("password") String password) {
        if (passwordHashes.putIfAbsent(username, Passwords.hash(password)) != null) {
            request.flash("User " + username + " is already registered.", "error");
            return Response.redirect(request.urlFor(".registerForm"), 303);
        }
        return Response.redirect(request.urlFor(".loginForm"), 303);
    }

    /** The login form. */
    @Route("/login")
    public View loginForm() {
        return View.of("flaskr/auth").with("title", "Log In");
    }

    /** Checks the password and keeps the user in the session. */
    @Route(value = "/login", methods = "POST")
    public Response login(Request request, Session session,
                          @Form("username") String username, @Form("password") String password) {
        String hash = passwordHashes.get(username);
        if (hash == null || !Passwords.check(hash, password)) {
            request.flash("Incorrect username or password.", "error");
            return Response.redirect(request.urlFor(".loginForm"), 303);
        }
        session.regenerate();
        session.put("user", username);
        return Response.redirect(request.urlFor("index"), 303);
    }

    /** Forgets the user. */
    @Route(value = "/logout", methods = "POST")
    public Response logout(Request request, Session session) {
        session.clear();
        return Response.redirect(request.urlFor("index"), 303);
    }

    /** Flask's {@code @bp.before_app_request load_logged_in_user}: {@code g.user} on every request. */
    @BeforeAppRequest(order = 1)
    public void loadLoggedInUser(Request request) {
        request.attribute("user", request.session().getString("user"));
    }

    /** Flask's {@code @login_required}: a {@link LoginRequired} route without a user goes to the login page. */
    @BeforeAppRequest(order = 2)
    public Response requireLogin(Request request) {
        RouteInfo route = request.route();
        if (route != null && route.hasAnnotation(LoginRequired.class) && request.attribute("user") == null) {
            return Response.redirect(request.urlFor("auth.loginForm"));
        }
        return null;
    }
}
