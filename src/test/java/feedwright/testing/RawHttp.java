package feedwright.testing;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * HTTP/1.x spoken by hand over a {@link Socket}, for what {@code HttpClient} refuses to send: raw
 * request targets, missing Host, bodies on GET, pipelining, oversized headers. Every read has a timeout,
 * so a server that never answers fails the test instead of hanging it.
 */
public final class RawHttp {

    public static final int READ_TIMEOUT_MILLIS = 10_000;

    private RawHttp() {
    }

    /** One parsed response; header names are lower-cased, the body is exactly what was sent. */
    public record Response(String statusLine, int status, Map<String, List<String>> headers, byte[] body) {

        public Optional<String> header(String name) {
            List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
            return values == null ? Optional.empty() : Optional.of(values.get(0));
        }

        public String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    /** Connects to the loopback server with a read timeout. */
    public static Socket connect(int port) throws IOException {
        Socket socket = new Socket(InetAddress.getLoopbackAddress(), port);
        socket.setSoTimeout(READ_TIMEOUT_MILLIS);
        return socket;
    }

    /** Sends {@code request} (ISO-8859-1, written as given) on a new connection and reads one response. */
    public static Response exchange(int port, String request) throws IOException {
        return exchange(port, request.getBytes(StandardCharsets.ISO_8859_1));
    }

    public static Response exchange(int port, byte[] request) throws IOException {
        try (Socket socket = connect(port)) {
            send(socket, request);
            return read(socket.getInputStream(), false);
        }
    }

    /**
     * Like {@link #exchange(int, String)}, but a server that closes the connection (or resets it) without
     * answering gives an empty result instead of an exception.
     */
    public static Optional<Response> exchangeOrClosed(int port, String request) throws IOException {
        try (Socket socket = connect(port)) {
            try {
                send(socket, request.getBytes(StandardCharsets.ISO_8859_1));
                return Optional.of(read(socket.getInputStream(), false));
            } catch (EOFException | SocketException closed) {
                return Optional.empty();
            }
        }
    }

    public static void send(Socket socket, byte[] bytes) throws IOException {
        OutputStream out = socket.getOutputStream();
        out.write(bytes);
        out.flush();
    }

    /**
     * Reads one response: status line, headers, then a body of {@code Content-Length} bytes, or none for
     * HEAD, 1xx, 204 and 304, or everything up to the end of the stream when there is no length.
     */
    public static Response read(InputStream in, boolean head) throws IOException {
        String statusLine = line(in);
        if (statusLine == null) {
            throw new EOFException("the server closed the connection without answering");
        }
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (String line = line(in); line != null && !line.isEmpty(); line = line(in)) {
            int colon = line.indexOf(':');
            headers.computeIfAbsent(line.substring(0, colon).strip().toLowerCase(Locale.ROOT), k -> new ArrayList<>())
                    .add(line.substring(colon + 1).strip());
        }
        int status = Integer.parseInt(statusLine.split(" ")[1]);
        byte[] body;
        if (head || status / 100 == 1 || status == 204 || status == 304) {
            body = new byte[0];
        } else if (headers.containsKey("content-length")) {
            body = in.readNBytes(Integer.parseInt(headers.get("content-length").get(0)));
        } else {
            body = in.readAllBytes();
        }
        return new Response(statusLine, status, headers, body);
    }

    /** Whether the server closed the connection: reading gives end of stream (or a reset) before the timeout. */
    public static boolean closedByServer(Socket socket) throws IOException {
        try {
            InputStream in = socket.getInputStream();
            while (in.read() != -1) {
                // drain whatever the server sent before closing (an error response, for example)
            }
            return true;
        } catch (SocketException reset) {
            return true;
        }
    }

    /**
     * Whether the server still answers on this connection after a complete response: sends one more
     * {@code GET /} and reads. A closed connection shows as a failed write, end of stream or a reset
     * (the server resets a connection that receives data after it closed), never as a wait.
     */
    public static boolean answersAgain(Socket socket) throws IOException {
        try {
            send(socket, "GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            return line(socket.getInputStream()) != null;
        } catch (SocketException closed) {
            return false;
        }
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream(128);
        int b;
        while ((b = in.read()) != -1) {
            if (b == '\n') {
                byte[] bytes = line.toByteArray();
                int length = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
                return new String(bytes, 0, length, StandardCharsets.ISO_8859_1);
            }
            line.write(b);
        }
        return line.size() == 0 ? null : line.toString(StandardCharsets.ISO_8859_1);
    }
}
