package io.microflask.render;

import io.microflask.Request;
import io.microflask.util.Html;

/**
 * The CSRF token as templates see it: {@code {{csrf_token}}} is the token, {@code {{{csrf_field}}}}
 * the hidden form field that carries it ({@code <input type="hidden" name="csrf_token" value="...">}).
 * Asked for only when a template names it, so pages without forms neither open the session nor
 * need a secret key.
 */
final class TemplateCsrf {
    private final Request request;
    private final boolean field;

    private TemplateCsrf(Request request, boolean field) {
        this.request = request;
        this.field = field;
    }

    /** {@code {{csrf_token}}}. */
    static TemplateCsrf token(Request request) {
        return new TemplateCsrf(request, false);
    }

    /** {@code {{{csrf_field}}}}. */
    static TemplateCsrf field(Request request) {
        return new TemplateCsrf(request, true);
    }

    @Override
    public String toString() {
        String token = request.csrfToken();
        if (!field) {
            return token;
        }
        return "<input type=\"hidden\" name=\"" + Request.CSRF_FIELD + "\" value=\"" + Html.escape(token) + "\">";
    }
}
