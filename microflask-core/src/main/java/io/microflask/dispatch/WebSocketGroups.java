package io.microflask.dispatch;

import io.microflask.WebSocketGroup;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The app's named groups of WebSocket connections. A group exists while it has members; a
 * {@link WebSocketGroup} handle for a name works whether or not it has any.
 */
final class WebSocketGroups {
    private final ConcurrentHashMap<String, Set<OpenWebSocket>> members = new ConcurrentHashMap<>();

    /** The group {@code name}. */
    WebSocketGroup group(String name) {
        return new Named(checked(name));
    }

    void join(String name, OpenWebSocket socket) {
        members.computeIfAbsent(checked(name), n -> ConcurrentHashMap.newKeySet()).add(socket);
    }

    void leave(String name, OpenWebSocket socket) {
        members.computeIfPresent(checked(name), (n, set) -> {
            set.remove(socket);
            return set.isEmpty() ? null : set;
        });
    }

    private static String checked(String name) {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("a WebSocket group needs a name, e.g. the room: group(\"lobby\")");
        }
        return name;
    }

    private final class Named implements WebSocketGroup {
        private final String name;

        Named(String name) {
            this.name = name;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public void send(String text) {
            for (OpenWebSocket socket : members.getOrDefault(name, Set.of())) {
                socket.send(text);
            }
        }

        @Override
        public void send(byte[] data) {
            for (OpenWebSocket socket : members.getOrDefault(name, Set.of())) {
                socket.send(data);
            }
        }

        @Override
        public int size() {
            return members.getOrDefault(name, Set.of()).size();
        }

        @Override
        public String toString() {
            return "WebSocket group '" + name + "'";
        }
    }
}
