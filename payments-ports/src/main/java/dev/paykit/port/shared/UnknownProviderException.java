package dev.paykit.port.shared;

import dev.paykit.domain.PaykitException;
import dev.paykit.domain.payment.ProviderName;

/**
 * No provider of that name is configured: a webhook to another provider's endpoint, or a routing
 * rule or a stored payment naming a provider that was removed from the configuration.
 */
public final class UnknownProviderException extends PaykitException {
  private static final long serialVersionUID = 1L;

  public UnknownProviderException(ProviderName name) {
    super("unknown_provider", "provider:" + name, 404, "no provider " + name + " is configured");
  }
}
