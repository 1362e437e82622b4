package io.microflask.boot;

import io.microflask.Route;
import io.microflask.Settings;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** {@code run} ends the process only through the exit it was given, and only when it cannot serve. */
class RunExitTest {

    public static class Hello {
        @Route("/")
        public String index() {
            return "hello";
        }
    }

    @Test
    void aPortInUseEndsRunWithStatusOneInsteadOfThrowing() throws Exception {
        List<Integer> exits = new ArrayList<>();
        CoreEngine engine = new CoreEngine(new Settings(), false, exits::add);
        engine.register(List.of(new Hello()));
        try (ServerSocket held = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
            engine.run(new String[0], "127.0.0.1", held.getLocalPort(), false);
        }
        assertEquals(List.of(1), exits);
    }

    @Test
    void aBadOptionEndsRunWithStatusTwo() {
        List<Integer> exits = new ArrayList<>();
        CoreEngine engine = new CoreEngine(new Settings(), false, exits::add);
        engine.run(new String[] {"--port", "70000"}, "127.0.0.1", 0, false);
        assertEquals(List.of(2), exits);
    }
}
