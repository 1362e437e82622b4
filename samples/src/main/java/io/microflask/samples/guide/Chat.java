package io.microflask.samples.guide;

import io.microflask.OnClose;
import io.microflask.OnMessage;
import io.microflask.OnOpen;
import io.microflask.Query;
import io.microflask.WebSocket;
import io.microflask.WebSocketConnection;

/** The guide's chat (docs/websockets.md): rooms are groups, each message goes to everyone in the room. */
@WebSocket("/chat/<room>")
public class Chat {

    @OnOpen
    public void join(WebSocketConnection connection, String room, @Query(value = "name", defaultValue = "guest") String name) {
        connection.attributes().put("name", name);
        connection.join(room);
        connection.group(room).send("* " + name + " joined " + room);
    }

    @OnMessage
    public void say(WebSocketConnection connection, String room, String text) {
        connection.group(room).send(connection.attributes().get("name") + ": " + text);
    }

    @OnClose
    public void leave(WebSocketConnection connection, String room) {
        // The connection has left the room already; the others hear of it.
        connection.group(room).send("* " + connection.attributes().get("name") + " left");
    }
}
