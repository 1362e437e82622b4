package io.microflask.json;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import io.microflask.Cookie;
import io.microflask.Request;
import io.microflask.Route;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Handlers returning and reading every shape of JSON value, for the round-trip and error tests. */
public class ShapesApi {

    public enum Priority { LOW, HIGH }

    public record Item(String name, int qty) {
    }

    public record Order(int count, LocalDate due, Priority priority, List<Item> items) {
    }

    public record Event(String name, LocalDate day, Instant at, Duration length, Optional<String> note,
                        Optional<String> missing) {
    }

    /** A JavaBean, as older code has them. */
    public static class Person {
        private String name;
        private int age;

        public Person() {
        }

        public Person(String name, int age) {
            this.name = name;
            this.age = age;
        }

        public String getName() {
            return name;
        }

        public void setName(String name) {
            this.name = name;
        }

        public int getAge() {
            return age;
        }

        public void setAge(int age) {
            this.age = age;
        }
    }

    @Route(value = "/orders", methods = "POST")
    public Order order(@Body Order order) {
        return order;
    }

    @Route(value = "/people", methods = "POST")
    public Person person(@Body Person person) {
        return person;
    }

    @Route(value = "/items", methods = "POST")
    public Map<String, Object> items(@Body List<Item> items) {
        int total = 0;
        for (Item item : items) {
            total += item.qty();
        }
        return Map.of("count", items.size(), "total", total, "firstType", items.get(0).getClass().getSimpleName());
    }

    @Route(value = "/optional", methods = "POST")
    public Map<String, Object> optional(@Body(required = false) Item item) {
        return Map.of("present", item != null);
    }

    @Route(value = "/maybe", methods = "POST")
    public Map<String, Object> maybe(@Body Optional<Item> item) {
        return Map.of("present", item.isPresent(), "name", item.map(Item::name).orElse("-"));
    }

    @Route(value = "/tree", methods = "POST")
    public Map<String, Object> tree(Request request) {
        JsonNode body = Json.tree(request);
        return Map.of("title", body.path("title").asText(), "fields", body.size());
    }

    @Route(value = "/read", methods = "POST")
    public Map<String, Object> read(Request request) {
        List<Item> items = Json.read(request, new TypeReference<List<Item>>() { });
        // The body can be read again, e.g. as a tree.
        JsonNode tree = Json.tree(request);
        return Map.of("items", items.size(), "first", tree.get(0).path("name").asText());
    }

    @Route(value = "/node", methods = "POST")
    public JsonNode node(@Body JsonNode node) {
        return node;
    }

    @Route(value = "/echo", methods = "POST")
    public Map<String, String> echo(@Body Map<String, String> body) {
        return body;
    }

    @Route("/event")
    public Event event() {
        return new Event("launch", LocalDate.of(2024, 1, 31), Instant.parse("2024-01-31T13:45:00Z"),
                Duration.ofMinutes(15), Optional.of("bring coffee"), Optional.empty());
    }

    @Route("/map")
    public Map<String, Object> map() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("name", "microflask");
        map.put("stars", 5);
        map.put("tags", List.of("web", "java"));
        return map;
    }

    @Route("/array")
    public int[] array() {
        return new int[] {1, 2, 3};
    }

    @Route("/person")
    public Person bean() {
        return new Person("Ada", 36);
    }

    @Route("/dynamic/<kind>")
    public Object dynamic(String kind) {
        return kind.equals("html") ? "<p>html</p>" : new Item(kind, 1);
    }

    @Route("/accepted")
    public JsonResponse<Item> accepted() {
        return Json.status(202, new Item("job", 1)).header("Retry-After", 5).cookie(new Cookie("job", "42"));
    }

    @Route(value = "/nothing", methods = "POST")
    public JsonResponse<Void> nothing() {
        return Json.status(204, null);
    }

    @Route("/absent")
    public Optional<Item> absent() {
        return Optional.empty();
    }

    @Route("/unicode")
    public Item unicode() {
        return new Item("héllo wörld, 世界, emoji 😀, quote \" and \\ backslash", 1);
    }
}
