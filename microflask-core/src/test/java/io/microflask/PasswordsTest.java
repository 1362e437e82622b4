package io.microflask;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Passwords reads and writes Werkzeug's hashes. The fixed vectors were made with Werkzeug 3.1.8's
 * {@code generate_password_hash} (Python 3.11), so they are Werkzeug's own output, not ours.
 */
class PasswordsTest {

    @Test
    void checksPbkdf2HashesMadeByWerkzeug() {
        assertTrue(Passwords.check("pbkdf2:sha256:1000$SlROAci5CpXUoLzV$"
                + "e30ed4110e44237c5a18c08b11d55b591ddf6db7b8f14093fb48cd2cb551c18a", "correct horse"));
        // The default count (600,000) costs seconds on a busy machine; the count is read from the hash either way.
        assertTrue(Passwords.check("pbkdf2:sha256:1000$ckJH4W46hyCX6gJD$"
                + "8ece7cc69ba6277994ba915a0c5ae5b90f16a48f86c355b84974b59dd6ccb748", "pässwörd 🔑"));
        assertTrue(Passwords.check("pbkdf2:sha512:2000$DS7O0xQNYIWQ8UGs$"
                + "25d1b61274bd973f6619a6ae1e7198ebc9892c945f7e2478359ce76109e3c426cee7fc2a52b0c3c686d3c329cb39692f"
                + "f09433afcc31186b7740ca82ba250252", "secret"));
        assertTrue(Passwords.check("pbkdf2:sha1:1000$cOV4Nn4l743aAvuU$536282608b993109acab38440a430b30c90179fa",
                "secret"));
        assertTrue(Passwords.check("pbkdf2:sha256:1000$DNpuC15lXDP1TkI3$"
                + "a284d99de9b40074aea533d8cfce00393686a13c9959ac1c1b90e6719d776d5e", ""));
        assertFalse(Passwords.check("pbkdf2:sha256:1000$SlROAci5CpXUoLzV$"
                + "e30ed4110e44237c5a18c08b11d55b591ddf6db7b8f14093fb48cd2cb551c18a", "correct horsE"));
    }

    @Test
    void checksScryptHashesMadeByWerkzeug() {
        // Werkzeug 3's default method, scrypt:32768:8:1.
        assertTrue(Passwords.check("scrypt:32768:8:1$JZjsPNojtGLMdIqn$12c2cd2a8467b1b76ec24f8c1a747a42b2543c5540acfa1"
                + "8ae01d218d92fe35913c4a9cf8d7a5894ebe9e374eba117a51cb0822a6a0ea40d0970160a5f1c407d", "secret"));
        String small = "scrypt:1024:8:1$85PJOiOuHxPOqocS$75f83bcb0e043e341290d561b948da95e07b3622f63c81d3d0d9dce5c8eaf"
                + "788b53cf3760a0a2eafe4497657e8f715ce0d1061bb92054ed9c6f616cdcb117ab7";
        assertTrue(Passwords.check(small, "pässwörd"));
        assertFalse(Passwords.check(small, "passwörd"));
    }

    @Test
    void scryptMatchesRfc7914() throws Exception {
        byte[] expected = HexFormat.of().parseHex("fdbabe1c9d3472007856e7190d01e9fe7c6ad7cbc8237830e77376634b373162"
                + "2eaf30d92e22a3886ff109279d9830dac727afb94a83ee6d8360cbdfa2cc0640");
        assertArrayEquals(expected, Scrypt.derive("password", "NaCl".getBytes(StandardCharsets.UTF_8), 1024, 8, 16, 64));
    }

    @Test
    void hashesInWerkzeugsFormatWithAFreshSalt() {
        // One derivation at the default 600,000 iterations: checking it again would only double the time.
        String byDefault = Passwords.hash("hunter2");
        assertTrue(byDefault.matches("pbkdf2:sha256:600000\\$[A-Za-z0-9]{16}\\$[0-9a-f]{64}"), byDefault);
        String first = Passwords.hash("hunter2", "pbkdf2:sha256:1000");
        assertNotEquals(first, Passwords.hash("hunter2", "pbkdf2:sha256:1000"));
        assertTrue(Passwords.check(first, "hunter2"));
        assertFalse(Passwords.check(first, "hunter3"));
        String sha512 = Passwords.hash("hunter2", "pbkdf2:sha512:1000");
        assertTrue(sha512.matches("pbkdf2:sha512:1000\\$[A-Za-z0-9]{16}\\$[0-9a-f]{128}"), sha512);
        assertTrue(Passwords.check(sha512, "hunter2"));
        String scrypt = Passwords.hash("hunter2", "scrypt:1024:8:1");
        assertTrue(scrypt.matches("scrypt:1024:8:1\\$[A-Za-z0-9]{16}\\$[0-9a-f]{128}"), scrypt);
        assertTrue(Passwords.check(scrypt, "hunter2"));
        // Werkzeug's shorthands write the full method, as Werkzeug does.
        assertTrue(Passwords.hash("x", "pbkdf2:sha1").startsWith("pbkdf2:sha1:600000$"));
    }

    /** The reverse, fixed: given Werkzeug's salt, we write exactly the hash Werkzeug wrote, character for character. */
    @Test
    void writesWhatWerkzeugWritesForTheSameSalt() {
        assertEquals("pbkdf2:sha256:1000$SlROAci5CpXUoLzV$"
                + "e30ed4110e44237c5a18c08b11d55b591ddf6db7b8f14093fb48cd2cb551c18a",
                Passwords.hash("correct horse", "pbkdf2:sha256:1000", "SlROAci5CpXUoLzV"));
        assertEquals("pbkdf2:sha1:1000$cOV4Nn4l743aAvuU$536282608b993109acab38440a430b30c90179fa",
                Passwords.hash("secret", "pbkdf2:sha1:1000", "cOV4Nn4l743aAvuU"));
        assertEquals("scrypt:1024:8:1$85PJOiOuHxPOqocS$75f83bcb0e043e341290d561b948da95e07b3622f63c81d3d0d9dce5c8eaf"
                + "788b53cf3760a0a2eafe4497657e8f715ce0d1061bb92054ed9c6f616cdcb117ab7",
                Passwords.hash("pässwörd", "scrypt:1024:8:1", "85PJOiOuHxPOqocS"));
    }

    @Test
    void malformedHashesAreFalseAndUnknownMethodsSaySo() {
        assertFalse(Passwords.check("", "x"));
        assertFalse(Passwords.check("no-dollars", "x"));
        assertFalse(Passwords.check("pbkdf2:sha256:1000$salt", "x"));
        assertFalse(Passwords.check(null, "x"));
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> Passwords.check("argon2$salt$abcd", "x"));
        assertTrue(unknown.getMessage().contains("argon2"), unknown.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Passwords.hash("x", "pbkdf2:md5:1000"));
        assertThrows(IllegalArgumentException.class, () -> Passwords.check("scrypt:1000:8:1$s$ab", "x"));
        assertThrows(IllegalArgumentException.class, () -> Passwords.check("scrypt:4194304:8:1$s$ab", "x"));
    }

    /** The reverse direction, live: Werkzeug checks what we made, when python3 with Werkzeug is on this machine. */
    @Test
    void werkzeugChecksOurHashes() throws Exception {
        String pbkdf2 = Passwords.hash("pässwörd 🔑", "pbkdf2:sha256:1000");
        String scrypt = Passwords.hash("pässwörd 🔑", "scrypt:1024:8:1");
        String script = "import sys\nfrom werkzeug.security import check_password_hash as c\n"
                + "pw = sys.stdin.buffer.read().decode('utf-8')\n"
                + "print(c('" + pbkdf2 + "', pw), c('" + scrypt + "', pw), c('" + pbkdf2 + "', pw + 'x'))\n";
        Process python;
        try {
            python = new ProcessBuilder("python3", "-c", script).redirectErrorStream(true).start();
        } catch (IOException e) {
            Assumptions.abort("python3 is not installed");
            return;
        }
        try {
            python.getOutputStream().write("pässwörd 🔑".getBytes(StandardCharsets.UTF_8));
            python.getOutputStream().close();
            assertTrue(python.waitFor(60, TimeUnit.SECONDS), "python3 did not finish");
            String output = new String(python.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            Assumptions.assumeFalse(output.contains("ModuleNotFoundError"), "Werkzeug is not installed");
            assertEquals("True True False", output);
        } finally {
            python.destroyForcibly();
        }
    }
}
