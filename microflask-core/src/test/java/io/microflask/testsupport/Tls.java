package io.microflask.testsupport;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.time.Duration;

/** Clients that trust one certificate (the server's self-signed one), for HTTPS tests. */
public final class Tls {
    private Tls() {
    }

    /** An SSL context trusting exactly the certificate(s) in the PEM file {@code certificate}. */
    public static SSLContext trusting(Path certificate) throws Exception {
        KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
        store.load(null, null);
        try (InputStream in = Files.newInputStream(certificate)) {
            int i = 0;
            for (Certificate each : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                store.setCertificateEntry("trusted-" + i++, each);
            }
        }
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(store);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), null);
        return context;
    }

    /** A JDK client trusting {@code certificate}, preferring {@code version}. */
    public static HttpClient client(Path certificate, HttpClient.Version version) throws Exception {
        return HttpClient.newBuilder().sslContext(trusting(certificate)).version(version)
                .connectTimeout(Duration.ofSeconds(10)).build();
    }
}
