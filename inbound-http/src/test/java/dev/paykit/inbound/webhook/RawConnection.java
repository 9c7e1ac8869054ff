package dev.paykit.inbound.webhook;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * A plain socket to the server, for what an HTTP client will not do: send half a request, trickle
 * it a byte at a time, or wait for an answer before the body is sent. Every read is bounded by a
 * timeout.
 */
final class RawConnection implements AutoCloseable {
  private final Socket socket = new Socket();

  RawConnection(URI server) throws IOException {
    socket.connect(new InetSocketAddress(server.getHost(), server.getPort()), 5_000);
    socket.setTcpNoDelay(true);
  }

  void send(String text) throws IOException {
    send(text.getBytes(StandardCharsets.ISO_8859_1));
  }

  void send(byte[] bytes) throws IOException {
    socket.getOutputStream().write(bytes);
    socket.getOutputStream().flush();
  }

  /**
   * The server's answer up to the end of its headers, at most {@code within}; null if the server
   * closed the connection without answering.
   *
   * @throws SocketTimeoutException if nothing complete came in time
   */
  String answerHead(Duration within) throws IOException {
    socket.setSoTimeout(Math.toIntExact(Math.max(1, within.toMillis())));
    InputStream in = socket.getInputStream();
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    while (head.size() < 16_384) {
      int b;
      try {
        b = in.read();
      } catch (SocketTimeoutException e) {
        throw e;
      } catch (IOException reset) {
        return head.size() == 0 ? null : head.toString(StandardCharsets.ISO_8859_1);
      }
      if (b < 0) {
        return head.size() == 0 ? null : head.toString(StandardCharsets.ISO_8859_1);
      }
      head.write(b);
      String text = head.toString(StandardCharsets.ISO_8859_1);
      if (text.endsWith("\r\n\r\n")) {
        return text;
      }
    }
    throw new IOException("an answer's headers longer than 16 KiB");
  }

  /**
   * True if the server closes (or resets) the connection within {@code within}, whatever it sent
   * before; false if it is still open then.
   */
  boolean closedByServer(Duration within) throws IOException {
    long until = System.nanoTime() + within.toNanos();
    InputStream in = socket.getInputStream();
    byte[] drain = new byte[4096];
    while (System.nanoTime() < until) {
      socket.setSoTimeout(
          Math.toIntExact(Math.max(1, Duration.ofNanos(until - System.nanoTime()).toMillis())));
      try {
        if (in.read(drain) < 0) {
          return true;
        }
      } catch (SocketTimeoutException e) {
        return false;
      } catch (IOException reset) {
        return true;
      }
    }
    return false;
  }

  /** Whether a write still goes through; a connection the server closed fails within two. */
  boolean trickle(byte b) {
    try {
      socket.getOutputStream().write(b);
      socket.getOutputStream().flush();
      return true;
    } catch (IOException closed) {
      return false;
    }
  }

  static int status(String head) {
    return Integer.parseInt(head.substring(9, 12));
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
