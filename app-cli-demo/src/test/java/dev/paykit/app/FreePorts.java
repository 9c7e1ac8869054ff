package dev.paykit.app;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.concurrent.ThreadLocalRandom;

/** Ports for tests that must name the webhook receiver's port before it starts. */
final class FreePorts {
  private FreePorts() {}

  /**
   * A loopback port that is free now, from below the range the system hands out for outgoing
   * connections, so that nothing else is likely to take it before the test binds it.
   */
  static int pick() throws IOException {
    for (int attempt = 0; attempt < 100; attempt++) {
      int port = ThreadLocalRandom.current().nextInt(20_000, 30_000);
      try (ServerSocket probe = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
        return probe.getLocalPort();
      } catch (IOException taken) {
        // another one
      }
    }
    throw new IOException("no free loopback port between 20000 and 30000");
  }
}
