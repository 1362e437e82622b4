package io.microflask.dispatch;

import io.microflask.RequestHooks;

/**
 * Every request hook of an app, as the dispatcher walks them: rebuilt whenever the route table
 * is swapped or a hook is registered in code, never per request.
 */
record HookChains(HookChain<RequestHooks.Before> before, HookChain<RequestHooks.After> after,
                  HookChain<RequestHooks.Teardown> teardown) {
}
