package io.microflask.run;

import io.microflask.App;
import io.microflask.Request;
import io.microflask.Route;
import io.microflask.RunningServer;

/** A server with the default body budget, run in a child JVM with a small heap by {@code BodyBudgetTest}. */
public final class BodyBudgetMain {

    public static class Handlers {
        @Route("/")
        public String index() {
            return "ok";
        }

        @Route(value = "/upload", methods = "POST")
        public String upload(Request request) {
            return "got " + request.bodyLength();
        }
    }

    public static void main(String[] args) throws InterruptedException {
        App app = App.withoutExtensionDiscovery().register(new Handlers());
        app.settings().maxBodySize(32L << 20);
        RunningServer server = app.start("127.0.0.1", 0);
        System.out.println("listening on " + server.port() + " with a heap of "
                + Runtime.getRuntime().maxMemory() / (1 << 20) + " MiB and a body budget of "
                + app.settings().maxBufferedBodyBytes() / (1 << 20) + " MiB");
        System.out.flush();
        server.awaitTermination();
    }
}
