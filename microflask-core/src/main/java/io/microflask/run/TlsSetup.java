package io.microflask.run;

import io.microflask.ServerStartException;
import io.microflask.Settings;
import io.microflask.server.ServerTls;
import io.microflask.tls.PemFiles;
import io.microflask.tls.SelfSignedCertificates;
import io.microflask.tls.TlsFileException;
import io.microflask.tls.TlsIdentity;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetAddress;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The TLS a server starts with, from its settings: none; the PEM pair of
 * {@code settings().certificate(...)}, checked; or the adhoc development certificate, made (or
 * reused from the instance folder) for every name and address the banner shows. A file that
 * cannot be used is a {@link ServerStartException} naming it and the fix.
 */
public final class TlsSetup {
    private static final Logger log = LoggerFactory.getLogger(TlsSetup.class);

    private TlsSetup() {
    }

    /**
     * The server's TLS, or {@code null} when the settings ask for none.
     *
     * @param host the host to bind (a specific address is added to the adhoc certificate's names)
     * @param port the port to bind, for the exception
     */
    public static ServerTls forStart(Settings settings, String host, int port) {
        if (!settings.tlsEnabled()) {
            return null;
        }
        TlsIdentity identity;
        try {
            if (settings.adhocCertificate()) {
                identity = SelfSignedCertificates.obtain(settings.instancePath(), adhocNames(host,
                        LanAddresses.find()), Instant.now());
                log.info("HTTPS with the development certificate {} (self-signed: browsers ask to accept it once)",
                        identity.source());
            } else {
                identity = PemFiles.load(settings.certificateFile().orElseThrow(), settings.keyFile().orElseThrow(),
                        Instant.now());
            }
        } catch (TlsFileException e) {
            throw new ServerStartException(host, port, "Cannot serve HTTPS: " + e.getMessage(), e);
        }
        try {
            return ServerTls.of(identity, settings.http2());
        } catch (IllegalArgumentException e) {
            throw new ServerStartException(host, port, "Cannot serve HTTPS: " + e.getMessage()
                    + ". Give an RSA or EC certificate and key in PEM (openssl, certbot and mkcert make them).", e);
        }
    }

    /**
     * What the adhoc certificate must be valid for: the loopback names, this machine's name, every
     * LAN address, and {@code host} when it is a specific one.
     */
    public static List<String> adhocNames(String host, List<LanAddresses.LanAddress> lanAddresses) {
        List<String> names = new ArrayList<>(List.of("localhost", "127.0.0.1", "::1"));
        try {
            String machine = InetAddress.getLocalHost().getHostName();
            names.add(machine);
            if (!machine.contains(".")) {
                names.add(machine + ".local"); // mDNS, as phones resolve it
            }
        } catch (Exception e) {
            // No name for this machine: the addresses still work.
        }
        for (LanAddresses.LanAddress lan : lanAddresses) {
            names.add(lan.address());
        }
        if (host != null && !host.isBlank() && !Hosts.isWildcard(host)) {
            names.add(host);
        }
        return names;
    }
}
