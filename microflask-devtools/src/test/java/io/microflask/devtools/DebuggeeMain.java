package io.microflask.devtools;

import io.microflask.App;
import io.microflask.RunningServer;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;

/**
 * The app a debugger attaches to in {@link DebuggerReloadTest}: loads {@code example.reload.GreetingApp}
 * from the class directory given, starts it in debug mode, prints its URL and waits to be killed.
 */
public final class DebuggeeMain {
    private DebuggeeMain() {
    }

    public static void main(String[] args) throws Exception {
        URLClassLoader loader = new URLClassLoader(new URL[]{Path.of(args[0]).toUri().toURL()},
                DebuggeeMain.class.getClassLoader());
        Object handler = loader.loadClass("example.reload.GreetingApp").getConstructor().newInstance();
        RunningServer server = new App().register(handler).start("127.0.0.1", 0, true);
        System.out.println("URL=" + server.url());
        Thread.sleep(120_000);
        server.close();
    }
}
