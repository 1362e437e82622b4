package io.microflask.json;

import io.microflask.HttpException;
import io.microflask.Response;
import io.microflask.Route;

/** Routes that fail in each way, for {@link JsonErrorsTest}. */
public class ErrorsApi {

    public record Item(String name) {
    }

    @Route("/page")
    public String page() {
        return "<p>a page</p>";
    }

    @Route("/page/boom")
    public String pageBoom() {
        throw new IllegalStateException("the page broke");
    }

    @Route("/api/boom")
    public Item apiBoom() {
        throw new IllegalStateException("database is down", new java.io.IOException("connection refused"));
    }

    @Route("/api/conflict")
    public Item conflict() {
        throw new HttpException(409, "An item with this name already exists.");
    }

    @Route(value = "/api/items", methods = "POST")
    public Response add(@Body Item item) {
        return Response.text("added " + item.name());
    }

    @Route("/api/invalid")
    public Item invalid() {
        throw new JsonBodyException(422, "The quantity must be positive.").detail("field", "qty");
    }

    @Route("/raw")
    public Response raw() {
        throw new HttpException(400, "The raw route refuses.");
    }
}
