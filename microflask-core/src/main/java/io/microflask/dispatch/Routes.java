package io.microflask.dispatch;

/**
 * What one request is dispatched against: the route table and the hook chains built with it.
 * Swapped whole (devtools' reload, a hook added in code), so a request sees one consistent set.
 */
record Routes(RouteTable table, HookChains hooks) {
}
