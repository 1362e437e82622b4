package io.microflask.tls;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The development certificate behind {@code --cert adhoc}: self-signed, ECDSA P-256, an X.509 v3
 * certificate whose subjectAltName lists every name and address the server is opened at
 * (browsers ignore the common name). It is kept in a folder (the app's instance folder) and
 * reused while it covers the same names and is valid for a while longer, so that a browser's
 * "accept this certificate" stays remembered across restarts; a new address (another Wi-Fi) makes
 * a new one.
 */
public final class SelfSignedCertificates {
    /** The certificate's file name in the folder it is kept in. */
    public static final String CERTIFICATE_FILE = "adhoc-cert.pem";
    /** The private key's file name in the folder it is kept in (readable by its owner only). */
    public static final String KEY_FILE = "adhoc-key.pem";
    /** How long a new certificate is valid: within the 398 days browsers accept for a server certificate. */
    public static final Duration VALIDITY = Duration.ofDays(365);
    /** A kept certificate with less than this left is replaced. */
    static final Duration RENEW_BEFORE = Duration.ofDays(30);
    private static final Logger log = LoggerFactory.getLogger(SelfSignedCertificates.class);
    private static final String SIGNATURE_ALGORITHM = "SHA256withECDSA";
    private static final String ECDSA_WITH_SHA256 = "1.2.840.10045.4.3.2";

    private SelfSignedCertificates() {
    }

    /**
     * The certificate kept in {@code folder} when it covers {@code names} and stays valid long
     * enough; otherwise a new one, written there.
     *
     * @param folder where the certificate and key are kept
     * @param names  DNS names and IP addresses it must be valid for
     * @param now    the time to judge validity by
     * @throws TlsFileException when the folder cannot be written
     */
    public static TlsIdentity obtain(Path folder, List<String> names, Instant now) {
        Path certificateFile = folder.resolve(CERTIFICATE_FILE);
        Path keyFile = folder.resolve(KEY_FILE);
        List<String> wanted = normalise(names);
        if (Files.isRegularFile(certificateFile) && Files.isRegularFile(keyFile)) {
            try {
                TlsIdentity kept = PemFiles.load(certificateFile, keyFile, now);
                if (kept.subjectAltNames().containsAll(wanted)
                        && kept.notAfter().isAfter(now.plus(RENEW_BEFORE))) {
                    log.debug("reusing the development certificate {}", certificateFile);
                    return new TlsIdentity(kept.key(), kept.chain(), "adhoc (" + certificateFile + ")");
                }
                log.info("making a new development certificate: the one in {} does not cover {} or expires soon",
                        certificateFile, wanted);
            } catch (TlsFileException unusable) {
                log.info("making a new development certificate: {}", unusable.getMessage());
            }
        }
        TlsIdentity made = generate(wanted, now, VALIDITY);
        write(made, certificateFile, keyFile);
        return new TlsIdentity(made.key(), made.chain(), "adhoc (" + certificateFile + ")");
    }

    /** A new self-signed certificate for {@code names}, valid from a minute before {@code now} for {@code validity}. */
    public static TlsIdentity generate(List<String> names, Instant now, Duration validity) {
        List<String> sans = normalise(names);
        if (sans.isEmpty()) {
            throw new IllegalArgumentException("a certificate needs at least one name, e.g. localhost");
        }
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"), new SecureRandom());
            KeyPair pair = generator.generateKeyPair();
            byte[] serialBytes = new byte[16];
            new SecureRandom().nextBytes(serialBytes);
            serialBytes[0] &= 0x7F; // positive, as RFC 5280 requires
            BigInteger serial = new BigInteger(1, serialBytes).max(BigInteger.ONE);
            byte[] name = Der.sequence(Der.set(Der.sequence(Der.oid("2.5.4.3"),
                    Der.utf8String("microflask development certificate"))));
            Instant start = now.minus(1, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.SECONDS);
            byte[] algorithm = Der.sequence(Der.oid(ECDSA_WITH_SHA256));
            byte[] tbs = Der.sequence(
                    Der.explicit(0, Der.integer(2)), // v3
                    Der.integer(serial),
                    algorithm,
                    name,
                    Der.sequence(Der.time(start), Der.time(start.plus(validity))),
                    name,
                    pair.getPublic().getEncoded(), // already a SubjectPublicKeyInfo
                    Der.explicit(3, Der.sequence(
                            // basicConstraints, critical, CA false: a server certificate, not an authority
                            extension("2.5.29.19", true, Der.sequence()),
                            // keyUsage, critical: digitalSignature (what ECDHE handshakes need)
                            extension("2.5.29.15", true, Der.bitString(new byte[]{(byte) 0x80}, 7)),
                            // extendedKeyUsage: serverAuth
                            extension("2.5.29.37", false, Der.sequence(Der.oid("1.3.6.1.5.5.7.3.1"))),
                            extension("2.5.29.17", false, subjectAltNames(sans)))));
            Signature signer = Signature.getInstance(SIGNATURE_ALGORITHM);
            signer.initSign(pair.getPrivate());
            signer.update(tbs);
            byte[] der = Der.sequence(tbs, algorithm, Der.bitString(signer.sign()));
            X509Certificate certificate = (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(der));
            certificate.verify(pair.getPublic());
            return new TlsIdentity(pair.getPrivate(), List.of(certificate), "adhoc");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JVM cannot make an ECDSA P-256 certificate (" + e
                    + "); give a certificate with --cert FILE --key FILE instead", e);
        }
    }

    /** Writes the certificate and key as PEM; the key readable by its owner only where the file system allows. */
    public static void write(TlsIdentity identity, Path certificateFile, Path keyFile) {
        try {
            Path folder = certificateFile.toAbsolutePath().getParent();
            Files.createDirectories(folder);
            writeAtomically(keyFile, pem("PRIVATE KEY", identity.key().getEncoded()), true);
            StringBuilder chain = new StringBuilder();
            for (X509Certificate certificate : identity.chain()) {
                chain.append(pem("CERTIFICATE", certificate.getEncoded()));
            }
            writeAtomically(certificateFile, chain.toString(), false);
        } catch (IOException | GeneralSecurityException e) {
            throw new TlsFileException(certificateFile, "Cannot write the development certificate to "
                    + certificateFile + " (" + e + "). Make the folder writable, or choose another with "
                    + "settings().instancePath(...).", e);
        }
    }

    private static void writeAtomically(Path file, String text, boolean secret) throws IOException {
        Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
        Files.deleteIfExists(temporary);
        if (secret && FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            Files.createFile(temporary, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } else {
            Files.createFile(temporary);
        }
        Files.writeString(temporary, text, StandardCharsets.US_ASCII);
        Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, new byte[]{'\n'}).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    private static byte[] extension(String oid, boolean critical, byte[] value) {
        return critical ? Der.sequence(Der.oid(oid), Der.bool(true), Der.octetString(value))
                : Der.sequence(Der.oid(oid), Der.octetString(value));
    }

    private static byte[] subjectAltNames(List<String> names) {
        List<byte[]> entries = new ArrayList<>();
        for (String name : names) {
            if (isIpLiteral(name)) {
                entries.add(Der.implicit(7, addressBytes(name)));
            } else {
                entries.add(Der.implicit(2, name.getBytes(StandardCharsets.US_ASCII)));
            }
        }
        return Der.sequence(entries.toArray(new byte[0][]));
    }

    /**
     * The names as the JDK reports them back from a certificate: lower case, without IPv6 brackets
     * or zone, IPv6 written out in full ({@code 0:0:0:0:0:0:0:1}); duplicates dropped.
     */
    static List<String> normalise(List<String> names) {
        Set<String> result = new LinkedHashSet<>();
        for (String raw : names) {
            String name = raw.trim().toLowerCase(Locale.ROOT);
            if (name.startsWith("[") && name.endsWith("]")) {
                name = name.substring(1, name.length() - 1);
            }
            int zone = name.indexOf('%');
            if (zone >= 0) {
                name = name.substring(0, zone);
            }
            if (name.isEmpty()) {
                continue;
            }
            if (isIpLiteral(name)) {
                name = canonicalAddress(name);
            } else if (!name.matches("[a-z0-9*]([a-z0-9.-]*[a-z0-9])?")) {
                continue; // not a host name a certificate can carry (e.g. an underscore in a machine name)
            }
            result.add(name);
        }
        return List.copyOf(result);
    }

    private static boolean isIpLiteral(String name) {
        return name.matches("[0-9.]+") || (name.contains(":") && name.matches("[0-9a-f:.]+"));
    }

    private static byte[] addressBytes(String literal) {
        try {
            return InetAddress.getByName(literal).getAddress();
        } catch (IOException e) {
            throw new IllegalArgumentException("not an IP address: " + literal, e);
        }
    }

    private static String canonicalAddress(String literal) {
        try {
            InetAddress address = InetAddress.getByName(literal);
            String text = address.getHostAddress();
            int zone = text.indexOf('%');
            return zone >= 0 ? text.substring(0, zone) : text;
        } catch (IOException e) {
            return literal;
        }
    }
}
