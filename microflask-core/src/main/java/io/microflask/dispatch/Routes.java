package io.microflask.dispatch;

import io.microflask.routing.Router;

/**
 * What one request is dispatched against: the route table, the hook chains built with it and the
 * WebSocket endpoints. Swapped whole (devtools' reload, a hook added in code), so a request sees
 * one consistent set.
 */
record Routes(RouteTable table, HookChains hooks, Router<WebSocketRoute> webSockets) {
}
