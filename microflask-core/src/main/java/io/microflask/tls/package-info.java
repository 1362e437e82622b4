/**
 * Certificates for HTTPS, with the JDK alone: {@code TlsIdentity} (a private key and its
 * certificate chain, with the fingerprint and validity the banner shows), {@code PemFiles}
 * (reads a PEM certificate chain and private key, and says which file is wrong and how to fix
 * it: unreadable, not PEM, encrypted, a key that does not match, expired),
 * {@code SelfSignedCertificates} (the development certificate behind {@code --cert adhoc}: an
 * X.509 v3 certificate with subjectAltName entries for every name and address it must cover,
 * signed with {@code java.security.Signature}) and {@code Der} (the small DER writer it needs).
 * No BouncyCastle: generating one self-signed certificate needs nothing the JDK lacks.
 *
 * <p>May import: the API model in {@code io.microflask}, {@code io.microflask.util}.
 * <br>Never imports: {@code App}, {@code server}, {@code dispatch}, {@code run}, {@code boot}.
 */
package io.microflask.tls;
