package io.microflask.tls;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The adhoc certificate: its names, its extensions, kept across restarts, renewed when the names change. */
class SelfSignedCertificatesTest {
    @TempDir
    Path folder;

    @Test
    void coversEveryNameAndAddress() throws Exception {
        TlsIdentity identity = SelfSignedCertificates.generate(
                List.of("localhost", "127.0.0.1", "::1", "[fe80::1%eth0]", "My-Laptop", "192.168.1.23", "bad_name"),
                Instant.now(), Duration.ofDays(365));
        X509Certificate certificate = identity.certificate();
        assertEquals(3, certificate.getVersion());
        assertEquals(List.of("localhost", "127.0.0.1", "0:0:0:0:0:0:0:1", "fe80:0:0:0:0:0:0:1", "my-laptop",
                "192.168.1.23"), identity.subjectAltNames());
        assertEquals(-1, certificate.getBasicConstraints(), "a server certificate, not a CA (Firefox refuses a CA as a server)");
        assertTrue(certificate.getKeyUsage()[0], "digitalSignature");
        assertEquals(List.of("1.3.6.1.5.5.7.3.1"), certificate.getExtendedKeyUsage());
        certificate.verify(certificate.getPublicKey());
        assertTrue(identity.sha256Fingerprint().matches("([0-9A-F]{2}:){31}[0-9A-F]{2}"));
        assertTrue(PemFiles.matches(identity.key(), certificate.getPublicKey()));
    }

    @Test
    void keptWhileTheNamesStayAndRenewedWhenTheyChange() throws Exception {
        Instant now = Instant.now();
        TlsIdentity first = SelfSignedCertificates.obtain(folder, List.of("localhost", "192.168.1.5"), now);
        TlsIdentity again = SelfSignedCertificates.obtain(folder, List.of("localhost", "192.168.1.5"), now);
        assertEquals(first.sha256Fingerprint(), again.sha256Fingerprint(), "a restart reuses the certificate");
        TlsIdentity moved = SelfSignedCertificates.obtain(folder, List.of("localhost", "10.0.0.7"), now);
        assertNotEquals(first.sha256Fingerprint(), moved.sha256Fingerprint(), "a new address makes a new one");
        assertTrue(moved.subjectAltNames().contains("10.0.0.7"));
        TlsIdentity late = SelfSignedCertificates.obtain(folder, List.of("localhost", "10.0.0.7"),
                now.plus(Duration.ofDays(340)));
        assertNotEquals(moved.sha256Fingerprint(), late.sha256Fingerprint(), "one about to expire is replaced");
        if (Files.getFileStore(folder).supportsFileAttributeView("posix")) {
            assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(
                    Files.getPosixFilePermissions(folder.resolve(SelfSignedCertificates.KEY_FILE))));
        }
        assertFalse(Files.exists(folder.resolve(SelfSignedCertificates.KEY_FILE + ".tmp")));
    }

    @Test
    void readsSec1EcAndPkcs1RsaKeys() throws Exception {
        // "EC PRIVATE KEY" (SEC1, with its curve), as openssl ecparam -genkey writes it.
        TlsIdentity identity = SelfSignedCertificates.generate(List.of("localhost"), Instant.now(), Duration.ofDays(5));
        java.security.interfaces.ECPrivateKey ec = (java.security.interfaces.ECPrivateKey) identity.key();
        byte[] scalar = new byte[32];
        byte[] s = ec.getS().toByteArray();
        System.arraycopy(s, Math.max(0, s.length - 32), scalar, Math.max(0, 32 - s.length), Math.min(32, s.length));
        byte[] sec1 = Der.sequence(Der.integer(1), Der.octetString(scalar), Der.explicit(0, Der.oid("1.2.840.10045.3.1.7")));
        Path cert = folder.resolve("c.pem");
        Path key = folder.resolve("k.pem");
        SelfSignedCertificates.write(identity, cert, key);
        Files.writeString(key, SelfSignedCertificates.pem("EC PRIVATE KEY", sec1));
        assertEquals(identity.sha256Fingerprint(), PemFiles.load(cert, key, Instant.now()).sha256Fingerprint());

        // "RSA PRIVATE KEY" (PKCS#1), as older openssl genrsa writes it.
        java.security.KeyPairGenerator generator = java.security.KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048, new java.security.SecureRandom(new byte[]{16}));
        java.security.PrivateKey rsa = generator.generateKeyPair().getPrivate();
        Path rsaKey = Files.writeString(folder.resolve("rsa.pem"),
                SelfSignedCertificates.pem("RSA PRIVATE KEY", lastOctetString(rsa.getEncoded())));
        assertEquals(java.util.HexFormat.of().formatHex(rsa.getEncoded()),
                java.util.HexFormat.of().formatHex(PemFiles.readPrivateKey(rsaKey).getEncoded()));
    }

    private static byte[] lastOctetString(byte[] der) {
        int position = 2 + ((der[1] & 0x80) != 0 ? (der[1] & 0x7F) : 0);
        byte[] last = null;
        while (position < der.length) {
            int tag = der[position] & 0xFF;
            int first = der[position + 1] & 0xFF;
            int headerLength = 2;
            int length = first;
            if (first >= 0x80) {
                int bytes = first & 0x7F;
                length = 0;
                for (int i = 0; i < bytes; i++) {
                    length = (length << 8) | (der[position + 2 + i] & 0xFF);
                }
                headerLength += bytes;
            }
            if (tag == 0x04) {
                last = java.util.Arrays.copyOfRange(der, position + headerLength, position + headerLength + length);
            }
            position += headerLength + length;
        }
        return last;
    }
}
