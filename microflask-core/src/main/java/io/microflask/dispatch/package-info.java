/**
 * The request pipeline behind {@code App}. {@code AppRuntime} holds the handlers, hooks,
 * extensions, sessions and static files, swaps the {@code Routes} snapshot ({@code RouteTable} +
 * {@code HookChains}) on every change, implements {@code spi.ExtensionContext} and provides the
 * server's {@code RequestService}. {@code RouteScanner}, {@code ParameterBinders}
 * ({@code TextConversion}), {@code HookMethods}, {@code ReturnValues} and {@code HandlerInvoker}
 * prepare routes at register; {@code RequestLifecycle} answers one request over a
 * {@code RequestContext} and its {@code ContextRequest} view; {@code ErrorResponder} and
 * {@code DefaultErrorPage} answer failures; {@code ConditionalResponses} (304, 412, 206, 416) and
 * {@code ResponseCompression} (gzip, br, zstd) are the last step of every answer; {@code UrlBuilder} is url_for; {@code Extensions} and
 * {@code Contributions} keep what extensions added, in order; {@code SessionUse} tells at start
 * whether the registered classes use sessions.
 *
 * <p>May import: {@code server}'s contract ({@code RequestService}, {@code IncomingRequest}),
 * {@code routing}, {@code session}, {@code multipart}, {@code staticfiles}, {@code spi}, the API
 * model in {@code io.microflask}, {@code util}.
 * <br>Never imports: {@code App}, {@code run}, {@code boot}.
 */
package io.microflask.dispatch;
