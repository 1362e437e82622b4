package io.microflask.run;

import java.net.InetAddress;
import java.net.ServerSocket;

/** A child process that holds a port: prints "holding PORT", then waits until killed. */
public final class PortHolderMain {
    private PortHolderMain() {
    }

    public static void main(String[] args) throws Exception {
        try (ServerSocket socket = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
            System.out.println("holding " + socket.getLocalPort());
            System.out.flush();
            Thread.sleep(Long.MAX_VALUE);
        }
    }
}
