package dev.usermanagement.it;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * HTTP/1.1 from another loopback address (127.0.0.2 and so on), so that a test can be a second client to
 * per-address rules; java.net.http cannot choose its local address.
 */
final class LoopbackClient {

    private final String localAddress;
    private final int port;

    LoopbackClient(String localAddress, int port) {
        this.localAddress = localAddress;
        this.port = port;
    }

    /** The status of POST /api/users/login/ with these credentials. */
    int login(String username, String password) throws IOException {
        return login(username, password, "");
    }

    /** The same, with an X-Forwarded-For header as a reverse proxy (or someone pretending) sends it. */
    int login(String username, String password, String forwardedFor) throws IOException {
        byte[] body = Api.credentials(username, password).getBytes(StandardCharsets.UTF_8);
        try (Socket socket = new Socket()) {
            socket.bind(new InetSocketAddress(localAddress, 0));
            socket.connect(new InetSocketAddress("127.0.0.1", port), 10_000);
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /api/users/login/ HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nContent-Type: application/json\r\n"
                    + (forwardedFor.isEmpty() ? "" : "X-Forwarded-For: " + forwardedFor + "\r\n")
                    + "Content-Length: " + body.length + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(body);
            out.flush();
            InputStream in = socket.getInputStream();
            String statusLine = new String(in.readNBytes(12), StandardCharsets.US_ASCII);
            return Integer.parseInt(statusLine.substring(9, 12));
        }
    }
}
