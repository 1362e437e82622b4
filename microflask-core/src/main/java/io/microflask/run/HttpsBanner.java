package io.microflask.run;

import io.microflask.tls.TlsIdentity;

import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * The banner's HTTPS lines: which certificate is served, its SHA-256 fingerprint as browsers show
 * it (to compare with what a phone's "certificate details" says before trusting it), its validity,
 * and the cleartext redirect port when there is one.
 */
final class HttpsBanner {
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
            .withZone(ZoneOffset.UTC);

    private HttpsBanner() {
    }

    /** The lines for a server serving {@code tls}; {@code redirectPort} is -1 when there is none. */
    static List<String> lines(TlsIdentity tls, int redirectPort) {
        List<String> lines = new ArrayList<>();
        X509Certificate certificate = tls.certificate();
        lines.add(" * HTTPS (HTTP/2 and HTTP/1.1) with the certificate from " + tls.source());
        lines.add(" *   SHA-256 fingerprint " + tls.sha256Fingerprint());
        lines.add(" *   valid from " + when(tls.notBefore()) + " until " + when(tls.notAfter()));
        if (certificate.getSubjectX500Principal().equals(certificate.getIssuerX500Principal())) {
            lines.add(" *   self-signed: browsers warn until it is accepted or trusted; compare the fingerprint "
                    + "above with the one the browser shows (docs/hosts-ports-debug.md: trusting it on Android "
                    + "and iOS)");
        }
        if (redirectPort >= 0) {
            lines.add(" * Plain HTTP on port " + redirectPort + " redirects to HTTPS");
        }
        return lines;
    }

    private static String when(Instant instant) {
        return WHEN.format(instant);
    }
}
