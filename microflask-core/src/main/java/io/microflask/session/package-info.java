/**
 * Sessions kept in a signed cookie, as Flask's default: {@code SignedCookieSessions} opens a
 * {@code Session} from the request's cookie value and writes it back onto a {@code Response};
 * {@code CookieSigner} signs and checks {@code payload.timestamp.mac} (HMAC-SHA256, key rotation);
 * {@code Flashes} stores flashed messages in the session. Values are encoded with
 * {@code util.JsonValues}, never Java serialization. It is given cookie values and settings,
 * never the request.
 *
 * <p>May import: the API model in {@code io.microflask}, {@code io.microflask.util}.
 * <br>Never imports: {@code App}, {@code server}, {@code dispatch}, {@code run}, {@code boot}.
 */
package io.microflask.session;
