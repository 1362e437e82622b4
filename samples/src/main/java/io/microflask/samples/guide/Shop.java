package io.microflask.samples.guide;

import io.microflask.Request;
import io.microflask.Response;
import io.microflask.Route;

import java.util.UUID;

/** The README's routing examples: converters, methods, a class prefix, the trailing-slash rule. */
@Route("/shop")
public class Shop {

    @Route("/items/<int:id>")
    public String item(int id) {
        return "item " + id;
    }

    @Route(value = "/items", methods = {"POST", "PUT"})
    public Response save(Request request) {
        return new Response(201).contentType(Response.TEXT_UTF8).body("saved " + request.form("name"));
    }

    @Route("/price/<float:amount>")
    public String price(double amount) {
        return "price " + amount;
    }

    @Route("/files/<path:rest>")
    public String file(String rest) {
        return "file " + rest;
    }

    @Route("/orders/<uuid:key>")
    public String order(UUID key) {
        return "order " + key;
    }

    @Route("/docs/")
    public String docs() {
        return "docs";
    }
}
