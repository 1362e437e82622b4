/**
 * The Netty HTTP/1.1 server. {@code NettyServer} binds and shuts down gracefully;
 * {@code HttpPipeline} builds one connection's handlers (idle timeout, {@code StrictRequestDecoder}
 * with {@code HeadScanner} and {@code ClientPace}, encoder, {@code AllowListHandler},
 * {@code BodyReceiver}, which keeps small bodies in memory and writes larger ones to a temporary
 * file as they arrive ({@code SpooledRequest}), {@code ConnectionHandler}); {@code RequestParser} and
 * {@code ForwardedHeaders} turn a message into an {@code IncomingRequest} once;
 * {@code HandlerExecutors} runs handlers off the event loop; {@code ResponseWriter} and
 * {@code ChannelResponseStream} write answers; {@code InProcessExchange} runs the same pipeline
 * over an {@code EmbeddedChannel}. It reaches the app only through the {@code RequestService} it is given.
 *
 * <p>May import: the API model in {@code io.microflask}, {@code io.microflask.routing}
 * ({@code PathEncoding}), {@code io.microflask.util}, Netty.
 * <br>Never imports: {@code App}, {@code dispatch}, {@code run}, {@code boot}, {@code session},
 * {@code multipart}, {@code staticfiles}.
 */
package io.microflask.server;
