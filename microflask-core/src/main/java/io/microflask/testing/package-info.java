/**
 * The in-process test client, Flask's {@code app.test_client()}: {@code TestClient} builds
 * requests, sends them through {@code server.InProcessExchange} (the real pipeline over an
 * {@code EmbeddedChannel}, no socket) and keeps the cookies the app sets; {@code TestResponse} is
 * what came back. A request may claim a remote client address ({@code remoteAddress}) to test
 * what other machines are shown. Get one from {@code App.testClient()}.
 *
 * <p>May import: {@code io.microflask.server}, the API model in {@code io.microflask},
 * {@code io.microflask.util}.
 * <br>Never imports: {@code App}, {@code dispatch}, {@code run}.
 */
package io.microflask.testing;
