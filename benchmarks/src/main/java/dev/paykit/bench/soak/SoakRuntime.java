package dev.paykit.bench.soak;

import dev.paykit.sandbox.SandboxProvider;
import dev.paykit.service.PaykitCore;
import java.net.URI;

/**
 * The app as the clients see it: whichever generation is alive. A crash replaces it; a client
 * holding the dead generation's core gets errors from it and comes back for the new one.
 */
final class SoakRuntime {
  /** How long the process stays down: the provider's deliveries fail meanwhile and are retried. */
  private static final long DOWNTIME_MILLIS = 300;

  private final Generation.Parts parts;
  private final SandboxProvider sandbox;
  private volatile Generation current;

  SoakRuntime(Generation.Parts parts, SandboxProvider sandbox) {
    this.parts = parts;
    this.sandbox = sandbox;
    this.current = Generation.start(1, parts, 0);
    sandbox.setWebhookUrl(current.webhookUri());
  }

  PaykitCore core() {
    return current.core();
  }

  Generation generation() {
    return current;
  }

  URI webhookUri() {
    return current.webhookUri();
  }

  /** Kills the running generation mid-work and starts the next on the same database and port. */
  synchronized void crashAndRestart() {
    Generation dead = current;
    dead.crash();
    parts.stats().count("crash.whole process (restarted on the same database)");
    Generation.sleep(DOWNTIME_MILLIS);
    Generation next = Generation.start(dead.number() + 1, parts, dead.port());
    current = next;
    if (!next.webhookUri().equals(dead.webhookUri())) {
      sandbox.setWebhookUrl(next.webhookUri());
    }
  }

  synchronized void stop() {
    current.stop();
  }
}
