package io.microflask.tls;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateFactory;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a PEM certificate chain and its private key, as {@code flask run --cert FILE --key FILE}
 * takes them (what certbot, mkcert and {@code openssl req} write), and checks them before a server
 * listens: both files readable and PEM, the key unencrypted, the key the certificate's, and the
 * certificate valid now. Each problem is a {@link TlsFileException} naming the file and the fix.
 */
public final class PemFiles {
    private static final Pattern BLOCK = Pattern.compile(
            "-----BEGIN ([A-Z0-9 ]+)-----\\s*([A-Za-z0-9+/=\\s]*?)-----END \\1-----");

    private PemFiles() {
    }

    /** Reads {@code certificateFile} and {@code keyFile} and checks them against each other and {@code now}. */
    public static TlsIdentity load(Path certificateFile, Path keyFile, Instant now) {
        List<X509Certificate> chain = readCertificates(certificateFile);
        PrivateKey key = readPrivateKey(keyFile);
        X509Certificate certificate = chain.get(0);
        if (!matches(key, certificate.getPublicKey())) {
            throw new TlsFileException(keyFile, "The private key in " + keyFile + " does not belong to the "
                    + "certificate in " + certificateFile + " (" + certificate.getSubjectX500Principal().getName()
                    + "). Give the key that was made with this certificate (certbot: privkey.pem beside "
                    + "fullchain.pem), or a certificate made for this key.", null);
        }
        checkValidity(certificateFile, certificate, now);
        return new TlsIdentity(key, chain, certificateFile + " and " + keyFile);
    }

    static void checkValidity(Path file, X509Certificate certificate, Instant now) {
        try {
            certificate.checkValidity(Date.from(now));
        } catch (CertificateExpiredException e) {
            throw new TlsFileException(file, "The certificate in " + file + " expired on "
                    + certificate.getNotAfter().toInstant() + ". Renew it (certbot renew, or mkcert again) and "
                    + "restart; for development, --cert adhoc makes a fresh one.", e);
        } catch (CertificateNotYetValidException e) {
            throw new TlsFileException(file, "The certificate in " + file + " is not valid before "
                    + certificate.getNotBefore().toInstant() + ". Check this machine's clock, or use a certificate "
                    + "that is valid now.", e);
        }
    }

    /** The certificates of a PEM file, the server's first. */
    public static List<X509Certificate> readCertificates(Path file) {
        String text = read(file, "certificate");
        List<X509Certificate> chain = new ArrayList<>();
        try {
            CertificateFactory factory = CertificateFactory.getInstance("X.509");
            Matcher blocks = BLOCK.matcher(text);
            while (blocks.find()) {
                if (blocks.group(1).equals("CERTIFICATE")) {
                    byte[] der = decode(file, blocks.group(2));
                    chain.add((X509Certificate) factory.generateCertificate(new ByteArrayInputStream(der)));
                }
            }
        } catch (GeneralSecurityException e) {
            throw new TlsFileException(file, "The certificate in " + file + " cannot be read (" + e.getMessage()
                    + "). Give a PEM file with -----BEGIN CERTIFICATE----- blocks, the server's certificate first "
                    + "(certbot: fullchain.pem).", e);
        }
        if (chain.isEmpty()) {
            if (text.contains("PRIVATE KEY-----")) {
                throw new TlsFileException(file, file + " holds a private key, not a certificate: "
                        + "are --cert and --key swapped? Give the certificate with --cert and the key with --key.",
                        null);
            }
            throw new TlsFileException(file, file + " is not a PEM certificate: no -----BEGIN CERTIFICATE----- "
                    + "block in it. A DER (binary) certificate converts with: openssl x509 -inform der -in "
                    + file + " -out cert.pem", null);
        }
        return chain;
    }

    /** The private key of a PEM file: PKCS#8 ({@code PRIVATE KEY}), PKCS#1 RSA or SEC1 EC. */
    public static PrivateKey readPrivateKey(Path file) {
        String text = read(file, "private key");
        Matcher blocks = BLOCK.matcher(text);
        while (blocks.find()) {
            String type = blocks.group(1);
            switch (type) {
                case "PRIVATE KEY" -> {
                    return pkcs8(file, decode(file, blocks.group(2)));
                }
                case "RSA PRIVATE KEY" -> {
                    byte[] algorithm = Der.sequence(Der.oid("1.2.840.113549.1.1.1"), new byte[]{0x05, 0x00});
                    return pkcs8(file, wrapPkcs8(algorithm, decode(file, blocks.group(2))));
                }
                case "EC PRIVATE KEY" -> {
                    byte[] sec1 = decode(file, blocks.group(2));
                    byte[] curve = DerReader.sec1Curve(sec1);
                    if (curve == null) {
                        throw new TlsFileException(file, "The EC key in " + file + " does not name its curve. "
                                + "Convert it with: openssl pkcs8 -topk8 -nocrypt -in " + file + " -out key.pem",
                                null);
                    }
                    byte[] algorithm = Der.sequence(Der.oid("1.2.840.10045.2.1"), curve);
                    return pkcs8(file, wrapPkcs8(algorithm, sec1));
                }
                case "ENCRYPTED PRIVATE KEY" -> throw new TlsFileException(file, "The private key in " + file
                        + " is encrypted with a passphrase, which a server cannot type at start. Decrypt it "
                        + "with: openssl pkcs8 -in " + file + " -out key.pem (and make key.pem readable by its "
                        + "owner only).", null);
                default -> {
                    // EC PARAMETERS and other blocks beside the key: not the key itself.
                }
            }
        }
        if (text.contains("-----BEGIN CERTIFICATE-----")) {
            throw new TlsFileException(file, file + " holds a certificate, not a private key: are --cert and "
                    + "--key swapped? Give the key with --key (certbot: privkey.pem).", null);
        }
        throw new TlsFileException(file, file + " is not a PEM private key: no -----BEGIN PRIVATE KEY----- block "
                + "in it. Give the unencrypted key made with the certificate (certbot: privkey.pem).", null);
    }

    private static byte[] wrapPkcs8(byte[] algorithm, byte[] key) {
        return Der.sequence(Der.integer(0), algorithm, Der.octetString(key));
    }

    private static PrivateKey pkcs8(Path file, byte[] der) {
        PKCS8EncodedKeySpec spec = new PKCS8EncodedKeySpec(der);
        for (String algorithm : List.of("RSA", "EC", "Ed25519", "Ed448", "RSASSA-PSS")) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(spec);
            } catch (GeneralSecurityException | RuntimeException notThisAlgorithm) {
                // Try the next algorithm: PKCS#8 names it inside, but the JDK wants it up front.
            }
        }
        throw new TlsFileException(file, "The private key in " + file + " cannot be read: it is not an RSA, EC "
                + "or EdDSA key the JDK knows. Give a PEM key such as openssl or certbot write.", null);
    }

    /** Whether {@code key} signs what {@code publicKey} verifies: the pair belongs together. */
    static boolean matches(PrivateKey key, PublicKey publicKey) {
        String algorithm = switch (key.getAlgorithm()) {
            case "RSA" -> "SHA256withRSA";
            case "EC" -> "SHA256withECDSA";
            case "Ed25519", "Ed448", "EdDSA" -> key.getAlgorithm();
            case "RSASSA-PSS" -> null;
            default -> null;
        };
        if (algorithm == null) {
            // No plain signature to test with; the TLS handshake still fails on a wrong pair.
            return true;
        }
        try {
            byte[] probe = new byte[32];
            new SecureRandom().nextBytes(probe);
            Signature signer = Signature.getInstance(algorithm);
            signer.initSign(key);
            signer.update(probe);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(publicKey);
            verifier.update(probe);
            return verifier.verify(signature);
        } catch (GeneralSecurityException | RuntimeException e) {
            return false;
        }
    }

    private static String read(Path file, String what) {
        try {
            // Latin-1 maps every byte, so a binary (DER) file reads and is then explained as not PEM.
            return new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
        } catch (java.nio.file.NoSuchFileException e) {
            throw new TlsFileException(file, "The " + what + " file " + file + " does not exist (working directory "
                    + Path.of("").toAbsolutePath() + "). Check the path given to --" + (what.equals("certificate")
                    ? "cert" : "key") + ", MICROFLASK_" + (what.equals("certificate") ? "CERT" : "KEY")
                    + " or settings().certificate(...).", e);
        } catch (IOException | RuntimeException e) {
            throw new TlsFileException(file, "The " + what + " file " + file + " cannot be read (" + e
                    + "). Check that it is a file and that this user may read it.", e);
        }
    }

    private static byte[] decode(Path file, String base64) {
        try {
            return Base64.getMimeDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw new TlsFileException(file, file + " has a damaged PEM block (" + e.getMessage() + "). Copy the "
                    + "file again from where it was made.", e);
        }
    }

    /** Just enough DER reading to find an EC key's curve. */
    private static final class DerReader {
        private DerReader() {
        }

        /** The {@code [0] parameters} OID element of a SEC1 ECPrivateKey, or {@code null}. */
        static byte[] sec1Curve(byte[] sec1) {
            try {
                int[] outer = header(sec1, 0);
                int position = outer[0];
                int end = position + outer[1];
                while (position < end) {
                    int tag = sec1[position] & 0xFF;
                    int[] element = header(sec1, position);
                    if (tag == 0xA0) {
                        byte[] oid = new byte[element[1]];
                        System.arraycopy(sec1, element[0], oid, 0, element[1]);
                        return oid;
                    }
                    position = element[0] + element[1];
                }
            } catch (ArrayIndexOutOfBoundsException e) {
                return null;
            }
            return null;
        }

        /** {start of contents, length} of the element at {@code position}. */
        private static int[] header(byte[] der, int position) {
            int first = der[position + 1] & 0xFF;
            if (first < 0x80) {
                return new int[]{position + 2, first};
            }
            int bytes = first & 0x7F;
            int length = 0;
            for (int i = 0; i < bytes; i++) {
                length = (length << 8) | (der[position + 2 + i] & 0xFF);
            }
            return new int[]{position + 2 + bytes, length};
        }
    }
}
