package io.microflask;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What is wrong with a {@code @WebSocket} class is an error at register, naming the method. */
class WebSocketRegistrationTest {

    @WebSocket("/no-message")
    public static class NoMessageMethod {
        @OnClose
        public void close(WebSocketConnection connection) {
        }
    }

    @WebSocket("/takes-nothing")
    public static class MessageWithoutMessage {
        @OnMessage
        public void message(WebSocketConnection connection) {
        }
    }

    @WebSocket("/two")
    public static class TwoTextMethods {
        @OnMessage
        public void one(String text) {
        }

        @OnMessage
        public void two(String text) {
        }
    }

    @WebSocket("/returns")
    public static class ReturnsAnInt {
        @OnMessage
        public int message(String text) {
            return 1;
        }
    }

    @WebSocket("/unbound/<room>")
    public static class UnboundParameter {
        @OnMessage
        public void message(String text, Thread nonsense) {
        }
    }

    @WebSocket("/same")
    public static class First {
        @OnMessage
        public void message(String text) {
        }
    }

    @WebSocket("/same")
    public static class Second {
        @OnMessage
        public void message(String text) {
        }
    }

    @Test
    void eachMistakeIsNamed() {
        assertMessage(new NoMessageMethod(), "has no public @OnOpen or @OnMessage method");
        assertMessage(new MessageWithoutMessage(), "MessageWithoutMessage.message(WebSocketConnection) is @OnMessage "
                + "but takes no message");
        assertMessage(new TwoTextMethods(), "TwoTextMethods.two(String): the endpoint has a text @OnMessage");
        assertMessage(new ReturnsAnInt(), "ReturnsAnInt.message(String) returns int, which cannot be sent");
        assertMessage(new UnboundParameter(), "UnboundParameter.message(String, Thread), parameter 2");
        IllegalArgumentException taken = assertThrows(IllegalArgumentException.class,
                () -> new App().register(new First(), new Second()));
        assertTrue(taken.getMessage().contains("the path is taken by /same (First)"), taken.getMessage());
    }

    private static void assertMessage(Object endpoint, String expected) {
        IllegalArgumentException failure = assertThrows(IllegalArgumentException.class,
                () -> new App().register(endpoint));
        assertTrue(failure.getMessage().contains(expected), failure.getMessage());
    }
}
