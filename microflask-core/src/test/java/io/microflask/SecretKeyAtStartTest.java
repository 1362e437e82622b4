package io.microflask;

import io.microflask.testsupport.LogCapture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * No shipping a known key: a production start of an app that uses sessions needs a secret key, and
 * debug mode makes one of its own in the instance folder.
 */
class SecretKeyAtStartTest {

    /** Uses the session through a parameter. */
    public static class TakesSession {
        @Route(value = "/login", methods = "POST")
        public String login(Session session) {
            session.put("user", "ada");
            return "ok";
        }

        @Route("/whoami")
        public String whoami(Session session) {
            return String.valueOf(session.getString("user"));
        }
    }

    /** Uses it only through the request, and only inside a lambda. */
    public static class FlashesInALambda {
        @Route("/")
        public String index(Request request) {
            Runnable later = () -> request.flash("hello");
            later.run();
            return "flashed";
        }
    }

    /** Uses no session. */
    public static class Plain {
        @Route("/")
        public String index() {
            return "plain";
        }
    }

    /** Opens the session in a helper class the scan does not follow. */
    public static class ThroughAHelper {
        @Route("/")
        public String index(Request request) {
            return Helper.user(request);
        }

        @Route(value = "/remember", methods = "POST")
        public String remember(Request request) {
            Helper.remember(request, "ada");
            return "remembered";
        }
    }

    static final class Helper {
        static String user(Request request) {
            return String.valueOf(request.session().getString("user"));
        }

        static void remember(Request request, String user) {
            request.session().put("user", user);
        }
    }

    private static App app(Object... handlers) {
        App app = App.withoutExtensionDiscovery().register(handlers);
        app.settings().secretKey(null); // whatever MICROFLASK_SECRET_KEY says where the tests run
        return app;
    }

    private static String refusal(App app) {
        ServerStartException refused = assertThrows(ServerStartException.class, () -> app.start("127.0.0.1", 0).close());
        String message = refused.getMessage();
        assertTrue(message.contains("MICROFLASK_SECRET_KEY"), message);
        assertTrue(message.contains("openssl rand -hex 32"), message);
        assertTrue(message.contains("app.settings().secretKey(...)"), message);
        return message;
    }

    @Test
    void aProductionStartOfAnAppThatUsesSessionsWithoutAKeyIsRefusedSayingHowToSetOne() {
        String message = refusal(app(new TakesSession()));
        assertTrue(message.startsWith("Refusing to start in production mode: the app uses sessions (io.microflask."
                + "SecretKeyAtStartTest$TakesSession.login(Session) takes a Session) but no secret key is set"), message);
        assertTrue(message.contains("    export MICROFLASK_SECRET_KEY=$(openssl rand -hex 32)\n"), message);
    }

    @Test
    void callsToTheSessionAreFoundInTheBytecodeLambdasIncluded() {
        assertTrue(refusal(app(new FlashesInALambda())).contains(
                "(io.microflask.SecretKeyAtStartTest$FlashesInALambda calls Request.flash)"));
    }

    @Test
    void aHookRegisteredInCodeCountsByTheClassThatDefinesIt() {
        App app = app(new Plain());
        app.beforeRequest(request -> {
            request.attribute("user", request.session().getString("user"));
            return null;
        });
        assertTrue(refusal(app).contains("(io.microflask.SecretKeyAtStartTest calls Request.session)"));
    }

    @Test
    void theSettingDeclaresWhatTheScanCannotSee() {
        App helper = app(new ThroughAHelper());
        try (RunningServer server = helper.start("127.0.0.1", 0)) {
            // Not seen at start: the request then fails, and the message names the setting.
            try (LogCapture log = LogCapture.of("io.microflask")) {
                assertEquals(500, helper.testClient().get("/").status());
                String thrown = log.events().stream().filter(e -> e.getThrowableProxy() != null)
                        .map(e -> e.getThrowableProxy().getMessage()).findFirst().orElse("");
                assertTrue(thrown.contains("app.settings().usesSessions(true)"), thrown);
            }
        }
        helper.settings().usesSessions(true);
        assertTrue(refusal(helper).contains("(settings().usesSessions(true) says so)"));
    }

    @Test
    void anAppWithoutSessionsOrWithAKeyStarts() {
        try (RunningServer server = app(new Plain()).start("127.0.0.1", 0)) {
            assertTrue(server.port() > 0);
        }
        App withKey = app(new TakesSession());
        withKey.settings().secretKey("a-key-from-the-environment-0123456789");
        try (RunningServer server = withKey.start("127.0.0.1", 0)) {
            TestClient client = withKey.testClient();
            client.request("POST", "/login").send();
            assertEquals("ada", client.get("/whoami").text());
        }
    }

    @Test
    void debugModeGeneratesAnOwnerOnlyKeyInTheInstanceFolderAndReusesItAcrossRestarts(@TempDir Path temp)
            throws IOException {
        Path instance = temp.resolve("instance");
        App first = app(new TakesSession());
        first.settings().instancePath(instance);
        String cookie;
        try (LogCapture log = LogCapture.of("io.microflask");
             RunningServer server = first.start("127.0.0.1", 0, true)) {
            Path file = instance.resolve("secret_key");
            assertTrue(Files.isRegularFile(file), "generated at start, since the app uses sessions");
            String key = Files.readString(file).strip();
            assertTrue(key.matches("[0-9a-f]{64}"), key);
            if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
                assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
                assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(instance)));
            }
            assertEquals(1, log.messages().stream().filter(m -> m.contains("generated a development key for sessions in "
                    + file.toAbsolutePath())).count(), log.text());
            assertNull(first.settings().secretKey(), "the settings are left as the app made them");
            TestClient client = first.testClient();
            cookie = cookieOf(client.request("POST", "/login").send());
            assertEquals("ada", client.get("/whoami").text());
        }

        App restarted = app(new TakesSession());
        restarted.settings().instancePath(instance);
        try (LogCapture log = LogCapture.of("io.microflask");
             RunningServer server = restarted.start("127.0.0.1", 0, true)) {
            assertTrue(log.text().contains("debug mode: sessions are signed with the development key kept in "
                    + instance.resolve("secret_key").toAbsolutePath()), log.text());
            TestResponse whoami = restarted.testClient().request("GET", "/whoami").header("Cookie", "session=" + cookie)
                    .send();
            assertEquals("ada", whoami.text(), "a session made before the restart is still valid");
        }
        // The same app started again in production: the development key does not come along.
        assertTrue(refusal(restarted).startsWith("Refusing to start in production mode"));
    }

    @Test
    void theAdhocDevelopmentCertificateUsesTheDevelopmentKeyInProductionModeToo(@TempDir Path temp) {
        Path instance = temp.resolve("instance");
        App app = app(new TakesSession());
        app.settings().instancePath(instance).adhocCertificate(true);
        try (LogCapture log = LogCapture.of("io.microflask");
             RunningServer server = app.start("127.0.0.1", 0, false)) {
            assertTrue(server.url().startsWith("https://"), server.url());
            assertTrue(Files.isRegularFile(instance.resolve("secret_key")), "generated at start for the phone test");
            assertTrue(log.text().contains("--cert adhoc: generated a development key for sessions in "), log.text());
            TestClient client = app.testClient();
            client.request("POST", "/login").send();
            assertEquals("ada", client.get("/whoami").text());
        }
        // A real certificate is production: no development key.
        app.settings().adhocCertificate(false);
        assertTrue(refusal(app).startsWith("Refusing to start in production mode"));
    }

    @Test
    void inDebugModeAnAppNotSeenToUseSessionsGetsItsKeyWhenASessionIsFirstSaved(@TempDir Path temp) {
        Path instance = temp.resolve("instance");
        App app = app(new ThroughAHelper());
        app.settings().instancePath(instance);
        try (RunningServer server = app.start("127.0.0.1", 0, true)) {
            assertFalse(Files.exists(instance), "nothing written for an app that may never use a session");
            TestClient client = app.testClient();
            assertEquals("null", client.get("/").text());
            assertFalse(Files.exists(instance), "reading an empty session (as the debug page does) needs no key");
            assertEquals("remembered", client.request("POST", "/remember").send().text());
            assertTrue(Files.isRegularFile(instance.resolve("secret_key")));
            assertEquals("ada", client.get("/").text());
        }
    }

    @Test
    void aFolderThatCannotBeWrittenFailsTheDebugStartNamingIt(@TempDir Path temp) throws IOException {
        Path notADirectory = Files.writeString(temp.resolve("file"), "x");
        App app = app(new TakesSession());
        app.settings().instancePath(notADirectory);
        ServerStartException e = assertThrows(ServerStartException.class, () -> app.start("127.0.0.1", 0, true).close());
        assertTrue(e.getMessage().startsWith("debug mode: the development key for sessions could not be read or written "
                + "at " + notADirectory.resolve("secret_key")), e.getMessage());
        assertTrue(e.getMessage().contains("app.settings().instancePath(...)"), e.getMessage());
    }

    private static String cookieOf(TestResponse response) {
        String setCookie = response.header("Set-Cookie");
        return setCookie.substring("session=".length(), setCookie.indexOf(';'));
    }
}
