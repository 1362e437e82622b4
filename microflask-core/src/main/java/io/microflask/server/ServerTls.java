package io.microflask.server;

import io.microflask.tls.TlsIdentity;
import io.netty.handler.codec.http2.Http2SecurityUtil;
import io.netty.handler.ssl.ApplicationProtocolConfig;
import io.netty.handler.ssl.ApplicationProtocolNames;
import io.netty.handler.ssl.OpenSsl;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import io.netty.handler.ssl.SupportedCipherSuiteFilter;

import javax.net.ssl.SSLException;
import java.security.cert.X509Certificate;

/**
 * A server's TLS: the Netty {@link SslContext} made from its {@link TlsIdentity}, offering
 * {@code h2} and {@code http/1.1} by ALPN. The JDK's TLS is used unless BoringSSL
 * ({@code netty-tcnative-boringssl-static}) is on the class path, found at run time.
 */
public final class ServerTls {
    private final TlsIdentity identity;
    private final SslContext context;
    private final boolean http2;

    private ServerTls(TlsIdentity identity, SslContext context, boolean http2) {
        this.identity = identity;
        this.context = context;
        this.http2 = http2;
    }

    /**
     * The TLS of a server proving itself with {@code identity}; {@code http2} offers HTTP/2 by ALPN.
     *
     * @throws IllegalArgumentException when the TLS stack refuses the key or certificate
     */
    public static ServerTls of(TlsIdentity identity, boolean http2) {
        SslProvider provider = OpenSsl.isAvailable() ? SslProvider.OPENSSL : SslProvider.JDK;
        try {
            SslContextBuilder builder = SslContextBuilder
                    .forServer(identity.key(), identity.chain().toArray(new X509Certificate[0]))
                    .sslProvider(provider)
                    // RFC 7540 9.2.2: HTTP/2 forbids the weaker suites; HTTP/1.1 clients get the same strong ones.
                    .ciphers(Http2SecurityUtil.CIPHERS, SupportedCipherSuiteFilter.INSTANCE);
            if (http2) {
                builder.applicationProtocolConfig(new ApplicationProtocolConfig(
                        ApplicationProtocolConfig.Protocol.ALPN,
                        ApplicationProtocolConfig.SelectorFailureBehavior.NO_ADVERTISE,
                        ApplicationProtocolConfig.SelectedListenerFailureBehavior.ACCEPT,
                        ApplicationProtocolNames.HTTP_2, ApplicationProtocolNames.HTTP_1_1));
            }
            return new ServerTls(identity, builder.build(), http2);
        } catch (SSLException | RuntimeException e) {
            throw new IllegalArgumentException("the TLS stack (" + provider + ") refused the key or certificate from "
                    + identity.source() + ": " + e.getMessage(), e);
        }
    }

    /** The key and certificate served. */
    public TlsIdentity identity() {
        return identity;
    }

    SslContext context() {
        return context;
    }

    /** Whether HTTP/2 is offered by ALPN. */
    boolean http2() {
        return http2;
    }

    /** The TLS implementation in use: {@code "BoringSSL"} or {@code "JDK"}. */
    public String provider() {
        return OpenSsl.isAvailable() ? "BoringSSL" : "JDK";
    }
}
