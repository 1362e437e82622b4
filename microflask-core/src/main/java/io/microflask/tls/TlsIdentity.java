package io.microflask.tls;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/**
 * What a server proves itself with over TLS: its private key and its certificate chain (the
 * server's own certificate first), and where they came from, for messages and the banner.
 *
 * @param key    the private key of the first certificate
 * @param chain  the server's certificate, then any intermediates
 * @param source where they came from, e.g. {@code "cert.pem and key.pem"} or {@code "adhoc (instance/adhoc-cert.pem)"}
 */
public record TlsIdentity(PrivateKey key, List<X509Certificate> chain, String source) {
    public TlsIdentity {
        if (chain.isEmpty()) {
            throw new IllegalArgumentException("a TLS identity needs at least one certificate");
        }
        chain = List.copyOf(chain);
    }

    /** The server's own certificate. */
    public X509Certificate certificate() {
        return chain.get(0);
    }

    /** The SHA-256 fingerprint of the certificate, as browsers show it: {@code AB:CD:...}. */
    public String sha256Fingerprint() {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(certificate().getEncoded());
            return HexFormat.ofDelimiter(":").withUpperCase().formatHex(digest);
        } catch (NoSuchAlgorithmException | CertificateEncodingException e) {
            throw new IllegalStateException("cannot fingerprint the certificate from " + source, e);
        }
    }

    /** When the certificate stops being valid. */
    public Instant notAfter() {
        return certificate().getNotAfter().toInstant();
    }

    /** When the certificate starts being valid. */
    public Instant notBefore() {
        return certificate().getNotBefore().toInstant();
    }

    /**
     * The DNS names and IP addresses the certificate's subjectAltName lists (lower case), in its
     * order; empty when it has none.
     */
    public List<String> subjectAltNames() {
        return subjectAltNames(certificate());
    }

    static List<String> subjectAltNames(X509Certificate certificate) {
        List<String> names = new ArrayList<>();
        try {
            Collection<List<?>> entries = certificate.getSubjectAlternativeNames();
            if (entries != null) {
                for (List<?> entry : entries) {
                    Object type = entry.get(0);
                    // 2 = dNSName, 7 = iPAddress (RFC 5280 4.2.1.6).
                    if ((Integer.valueOf(2).equals(type) || Integer.valueOf(7).equals(type))
                            && entry.get(1) instanceof String name) {
                        names.add(name.toLowerCase(Locale.ROOT));
                    }
                }
            }
        } catch (CertificateParsingException e) {
            // An unreadable extension lists nothing; the TLS stack judges the certificate itself.
        }
        return names;
    }
}
