package dev.paykit.port.out;

/**
 * Receives everything notable that happens, for logs, metrics and alerts. The core never logs on
 * its own; adapters turn these events into log lines and meters. Implementations must be fast,
 * thread-safe and must not throw.
 */
public interface PaykitObserver {
  void on(PaykitEvent event);

  static PaykitObserver noop() {
    return event -> {};
  }
}
