package io.microflask.run;

import io.microflask.App;
import io.microflask.Request;
import io.microflask.Route;
import io.microflask.RunningServer;
import io.microflask.UploadedFile;

import java.io.InputStream;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;

/** A server with a small heap and a route that takes 2 GiB, run in a child JVM by {@code GigabyteUploadTest}. */
public final class GigabyteUploadMain {

    public static class Handlers {
        @Route(value = "/upload", methods = "POST", maxBodySize = 2L << 30)
        public String upload(InputStream body) throws Exception {
            return digest(body);
        }

        @Route(value = "/form", methods = "POST", maxBodySize = 2L << 30)
        public String form(Request request) throws Exception {
            UploadedFile file = request.file("data");
            try (InputStream in = file.inputStream()) {
                return file.size() + " " + digest(in);
            }
        }

        @Route(value = "/small", methods = "POST")
        public String small(Request request) {
            return "got " + request.bodyLength();
        }
    }

    static String digest(InputStream in) throws Exception {
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        byte[] buffer = new byte[64 * 1024];
        long total = 0;
        int n;
        while ((n = in.read(buffer)) >= 0) {
            sha.update(buffer, 0, n);
            total += n;
        }
        return total + " " + HexFormat.of().formatHex(sha.digest());
    }

    public static void main(String[] args) throws InterruptedException {
        App app = App.withoutExtensionDiscovery().register(new Handlers());
        app.settings().uploadDirectory(Path.of(args[0]));
        RunningServer server = app.start("127.0.0.1", 0);
        System.out.println("listening on " + server.port() + " with a heap of "
                + Runtime.getRuntime().maxMemory() / (1 << 20) + " MiB");
        System.out.flush();
        server.awaitTermination();
    }
}
