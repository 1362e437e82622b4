package io.microflask.tls;

import io.microflask.App;
import io.microflask.ServerStartException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Each bad certificate or key is a start error naming the file and the fix; nothing listens. */
class TlsStartErrorsTest {
    @TempDir
    Path folder;

    private String startError(Path cert, Path key) {
        App app = new App();
        app.settings().certificate(cert, key).instancePath(folder.resolve("instance"));
        ServerStartException e = assertThrows(ServerStartException.class, () -> app.start("127.0.0.1", 0).close());
        return e.getMessage();
    }

    private Path[] pair(String name, Instant start, Duration validity) {
        TlsIdentity identity = SelfSignedCertificates.generate(List.of("localhost"), start, validity);
        Path cert = folder.resolve(name + "-cert.pem");
        Path key = folder.resolve(name + "-key.pem");
        SelfSignedCertificates.write(identity, cert, key);
        return new Path[]{cert, key};
    }

    private static void assertMentions(String message, String... parts) {
        for (String part : parts) {
            assertTrue(message.contains(part), () -> "expected '" + part + "' in: " + message);
        }
    }

    @Test
    void aMissingFileIsNamed() {
        Path[] good = pair("good", Instant.now(), Duration.ofDays(10));
        Path missing = folder.resolve("nope.pem");
        assertMentions(startError(missing, good[1]), missing.toString(), "does not exist", "--cert");
        assertMentions(startError(good[0], missing), missing.toString(), "does not exist", "--key");
    }

    @Test
    void aFileThatIsNotPemIsNamed() throws Exception {
        Path[] good = pair("good", Instant.now(), Duration.ofDays(10));
        Path junk = Files.writeString(folder.resolve("junk.pem"), "hello, not a certificate\n");
        assertMentions(startError(junk, good[1]), junk.toString(), "not a PEM certificate", "openssl x509");
        assertMentions(startError(good[0], junk), junk.toString(), "not a PEM private key");
        Path damaged = Files.writeString(folder.resolve("damaged.pem"),
                "-----BEGIN CERTIFICATE-----\nMIIBdGhpcyBpcyBub3QgYSBjZXJ0\n-----END CERTIFICATE-----\n");
        assertMentions(startError(damaged, good[1]), damaged.toString(), "cannot be read");
    }

    @Test
    void swappedFilesAreExplained() {
        Path[] good = pair("good", Instant.now(), Duration.ofDays(10));
        assertMentions(startError(good[1], good[0]), good[1].toString(), "swapped");
    }

    @Test
    void aKeyOfAnotherCertificateIsRefused() {
        Path[] one = pair("one", Instant.now(), Duration.ofDays(10));
        Path[] other = pair("other", Instant.now(), Duration.ofDays(10));
        assertMentions(startError(one[0], other[1]), other[1].toString(), one[0].toString(), "does not belong");
    }

    @Test
    void anExpiredCertificateIsRefused() {
        Path[] old = pair("old", Instant.now().minus(Duration.ofDays(400)), Duration.ofDays(30));
        assertMentions(startError(old[0], old[1]), old[0].toString(), "expired", "Renew");
    }

    @Test
    void anUnreadableFileIsNamed() throws Exception {
        Path[] good = pair("good", Instant.now(), Duration.ofDays(10));
        // A folder where a file should be: unreadable as a file even for root, who reads any mode.
        Path folderNotFile = Files.createDirectories(folder.resolve("certs.pem"));
        assertMentions(startError(folderNotFile, good[1]), folderNotFile.toString(), "cannot be read",
                "this user may read it");
        assertMentions(startError(good[0], folderNotFile), folderNotFile.toString(), "cannot be read");
    }

    @Test
    void binaryGarbageIsNotPem() throws Exception {
        Path[] good = pair("good", Instant.now(), Duration.ofDays(10));
        byte[] noise = new byte[512];
        new java.util.Random(16).nextBytes(noise);
        Path garbage = Files.write(folder.resolve("garbage.pem"), noise);
        assertMentions(startError(garbage, good[1]), garbage.toString(), "not a PEM certificate", "openssl x509");
        assertMentions(startError(good[0], garbage), garbage.toString(), "not a PEM private key");
    }

    @Test
    void aCertificateNotValidYetIsRefused() {
        Path[] future = pair("future", Instant.now().plus(Duration.ofDays(3)), Duration.ofDays(30));
        assertMentions(startError(future[0], future[1]), future[0].toString(), "not valid before", "clock");
    }

    @Test
    void anOpensslKeyOfAnotherCertificateIsRefused() throws Exception {
        Path rsaChain = Path.of(getClass().getResource("/tls/rsa-fullchain.pem").toURI());
        Path ecKey = Path.of(getClass().getResource("/tls/ec-key.pem").toURI());
        assertMentions(startError(rsaChain, ecKey), ecKey.toString(), rsaChain.toString(), "does not belong");
    }

    @Test
    void anEncryptedKeyIsExplained() throws Exception {
        Path[] good = pair("good", Instant.now(), Duration.ofDays(10));
        Path encrypted = Files.writeString(folder.resolve("encrypted.pem"),
                "-----BEGIN ENCRYPTED PRIVATE KEY-----\nMIIBAAAA\n-----END ENCRYPTED PRIVATE KEY-----\n");
        assertMentions(startError(good[0], encrypted), encrypted.toString(), "encrypted", "openssl pkcs8");
    }
}
