package io.microflask.samples.guide;

import io.microflask.ErrorHandler;
import io.microflask.Response;
import io.microflask.Route;

/** The README's error-handler examples. */
public class Errors {

    /** Thrown by the app's own code; its handler turns it into a 409. */
    public static class OutOfStock extends RuntimeException {
        public OutOfStock(String item) {
            super(item + " is out of stock");
        }
    }

    @Route("/buy/<item>")
    public String buy(String item) {
        throw new OutOfStock(item);
    }

    @ErrorHandler(status = 404)
    public String notFound(String message) {
        return "<h1>Nothing here</h1><p>" + io.microflask.util.Html.escape(message) + "</p>";   // keeps status 404
    }

    @ErrorHandler(exception = OutOfStock.class)
    public Response outOfStock(OutOfStock e) {
        return new Response(409).contentType(Response.TEXT_UTF8).body(e.getMessage());
    }
}
