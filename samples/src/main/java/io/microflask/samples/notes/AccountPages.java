package io.microflask.samples.notes;

import io.microflask.Request;
import io.microflask.Response;
import io.microflask.Route;
import io.microflask.render.View;
import io.microflask.Session;

/** Log in (any non-empty name: it is a demo), a private page, log out: the session at work. */
public class AccountPages {

    @Route("/login")
    public View loginForm() {
        return View.of("login");
    }

    @Route(value = "/login", methods = "POST")
    public Response login(Request request, Session session) {
        String username = request.form("username");
        if (username == null || username.isBlank()) {
            request.flash("Please enter a user name.", "error");
            return Response.redirect(request.urlFor("accountPages.loginForm"), 303);
        }
        session.regenerate(); // a new session at login: nothing a planted cookie held carries over
        session.put("username", username.strip());
        request.flash("Welcome, " + username.strip() + "!", "success");
        return Response.redirect(request.urlFor("accountPages.privatePage"), 303);
    }

    @Route("/private")
    public Object privatePage(Session session) {
        String username = session.getString("username");
        if (username == null) {
            return Response.redirect("/login", 303);
        }
        return View.of("private").with("username", username);
    }

    @Route(value = "/logout", methods = "POST")
    public Response logout(Request request) {
        request.session().clear();
        request.flash("You are logged out.");
        return Response.redirect(request.urlFor("notesPages.index"), 303);
    }
}
