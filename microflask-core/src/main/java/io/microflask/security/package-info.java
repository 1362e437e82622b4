/**
 * The browser-facing protections that are on by default: CSRF ({@code CsrfProtection}: which
 * requests are checked, the check, the per-session token), CORS ({@code CorsPolicy}) and the
 * security headers ({@code SecurityHeaders}). Each works on the API model ({@code Request},
 * {@code Response}, {@code Session}, {@code Settings}); dispatch calls them at the right step.
 *
 * <p>May import: the API model in {@code io.microflask}, {@code util}.
 * <br>Never imports: {@code spi}, {@code server}, {@code dispatch}, {@code run}, {@code boot}.
 */
package io.microflask.security;
