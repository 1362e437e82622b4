package io.microflask.dispatch;

import io.microflask.HttpException;
import io.microflask.Response;
import io.microflask.HttpStatus;
import io.microflask.util.Html;
import io.microflask.spi.ErrorContext;

import java.io.PrintWriter;
import java.io.StringWriter;

/**
 * The plain error page: status, reason and a safe message. With details allowed (debug mode, a
 * local client) and no devtools installed, the stack trace follows, so that debug mode is useful
 * even without the detailed page.
 */
final class DefaultErrorPage {
    private DefaultErrorPage() {
    }

    static Response render(ErrorContext error) {
        String reason = HttpStatus.reason(error.status());
        StringBuilder html = new StringBuilder(512)
                .append("<!doctype html>\n<html lang=\"en\">\n<head><meta charset=\"utf-8\"><title>")
                .append(error.status()).append(' ').append(Html.escape(reason)).append("</title></head>\n<body>\n<h1>")
                .append(error.status()).append(' ').append(Html.escape(reason)).append("</h1>\n<p>")
                .append(Html.escape(error.message())).append("</p>\n");
        if (error.showDetails() && error.exception() != null && !(error.exception() instanceof HttpException)) {
            StringWriter trace = new StringWriter();
            error.exception().printStackTrace(new PrintWriter(trace));
            html.append("<pre>").append(Html.escape(trace.toString())).append("</pre>\n")
                    .append("<p>Add io.microflask:microflask-devtools for a detailed page with source lines.</p>\n");
        }
        html.append("</body>\n</html>\n");
        return new Response(error.status()).contentType(Response.HTML_UTF8).body(html.toString());
    }
}
