package io.microflask.samples;

import io.microflask.App;
import io.microflask.Route;

public class HelloApp {
    @Route("/")
    public String index() {
        return "Hello, World!";
    }

    public static void main(String[] args) {
        new App().register(new HelloApp()).run(args, "127.0.0.1", 5000, false);
    }
}
