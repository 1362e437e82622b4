package io.microflask.samples.guide;

import io.microflask.BeforeRequest;
import io.microflask.Form;
import io.microflask.Request;
import io.microflask.Response;
import io.microflask.Route;
import io.microflask.RouteInfo;

import java.util.Map;

/**
 * The README's route guard: Flask's {@code load_logged_in_user} and {@code login_required}. An
 * app-wide hook loads {@code g.user} from the session; a second one, explicitly after it, sends a
 * request for a {@link LoginRequired} route without a user to the login page with {@code next}.
 */
public class Guards {

    @BeforeRequest(order = 1)
    public void loadLoggedInUser(Request request) {
        request.attribute("user", request.session().getString("user"));   // Flask's g.user
    }

    @BeforeRequest(order = 2)
    public Response requireLogin(Request request) {
        RouteInfo route = request.route();
        if (route != null && route.hasAnnotation(LoginRequired.class) && request.attribute("user") == null) {
            return Response.redirect(request.urlFor("guards.login", Map.of("next", request.uri())));
        }
        return null;
    }

    @LoginRequired
    @Route("/drafts")
    public String drafts(Request request) {
        return "drafts of " + request.attribute("user");
    }

    @Route(value = "/auth/login", methods = {"GET", "POST"})
    public Response login(Request request, @Form(value = "username", required = false) String username) {
        if (username == null) {
            return Response.html("<form method=post><input name=username></form>");
        }
        request.session().put("user", username);
        String next = request.query("next");
        // Only a local path: an absolute "next" would make this an open redirect.
        boolean local = next != null && next.startsWith("/") && !next.startsWith("//") && !next.startsWith("/\\");
        return Response.redirect(local ? next : "/drafts", 303);
    }
}
