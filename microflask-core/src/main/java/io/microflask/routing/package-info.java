/**
 * Matching paths to routes, and nothing else: {@code RoutePattern} parses Flask-style patterns
 * ({@code /users/<int:id>}), {@code Converters} holds the named {@code Converter}s a pattern may
 * use, {@code Router} is the segment trie that answers found / method not allowed / redirect to
 * slash / not found, {@code PathPrefix} scopes hooks and error handlers to a prefix, and
 * {@code PathEncoding} is strict percent-encoding of path segments (used by the server's parser
 * and by url building). It knows nothing of handlers: a route carries whatever the caller gives it.
 *
 * <p>May import: the API model in {@code io.microflask} (e.g. {@code Converter}), {@code io.microflask.util}.
 * <br>Never imports: {@code App}, {@code server}, {@code dispatch}, {@code run}, {@code boot}.
 */
package io.microflask.routing;
