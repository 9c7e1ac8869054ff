package dev.paykit.port.out;

import dev.paykit.domain.payment.ProviderName;
import dev.paykit.port.shared.UnknownProviderException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The providers a shop uses, each by its name with the three adapters that speak to it: the gateway
 * the core calls, and the verifier and parser of the webhooks it sends to its own endpoint. A shop
 * with one provider has {@link #single} and never names it; that one is {@link
 * ProviderName#DEFAULT}.
 */
public final class ProviderGateways {

  /** One provider: its name and its adapters. */
  public record Provider(
      ProviderName name, ProviderGateway gateway, WebhookVerifier verifier, WebhookParser parser) {
    public Provider {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(gateway, "gateway of provider " + name);
      Objects.requireNonNull(verifier, "webhook verifier of provider " + name);
      Objects.requireNonNull(parser, "webhook parser of provider " + name);
    }
  }

  private final Map<ProviderName, Provider> byName;

  private ProviderGateways(Map<ProviderName, Provider> byName) {
    this.byName = Collections.unmodifiableMap(byName);
  }

  /** The one provider of a shop that has one, named {@link ProviderName#DEFAULT}. */
  public static ProviderGateways single(
      ProviderGateway gateway, WebhookVerifier verifier, WebhookParser parser) {
    return of(List.of(new Provider(ProviderName.DEFAULT, gateway, verifier, parser)));
  }

  /**
   * Several providers, in the order given (the first is the one {@link ProviderRouting#first}
   * routes to).
   *
   * @throws IllegalArgumentException if there are none, or two share a name
   */
  public static ProviderGateways of(List<Provider> providers) {
    Objects.requireNonNull(providers, "providers");
    if (providers.isEmpty()) {
      throw new IllegalArgumentException("providers: at least one is required");
    }
    Map<ProviderName, Provider> byName = new LinkedHashMap<>();
    for (Provider provider : providers) {
      if (byName.putIfAbsent(provider.name(), provider) != null) {
        throw new IllegalArgumentException("providers: " + provider.name() + " is named twice");
      }
    }
    return new ProviderGateways(byName);
  }

  /**
   * The provider named {@code name}.
   *
   * @throws UnknownProviderException if none is configured under that name
   */
  public Provider get(ProviderName name) {
    Provider provider = byName.get(Objects.requireNonNull(name, "name"));
    if (provider == null) {
      throw new UnknownProviderException(name);
    }
    return provider;
  }

  /** {@code get(name).gateway()}. */
  public ProviderGateway gateway(ProviderName name) {
    return get(name).gateway();
  }

  public boolean has(ProviderName name) {
    return byName.containsKey(name);
  }

  /** The names, in the order they were given. */
  public Set<ProviderName> names() {
    return byName.keySet();
  }

  /** The first provider given: where {@link ProviderRouting#first} sends every payment. */
  public ProviderName first() {
    return byName.keySet().iterator().next();
  }

  @Override
  public String toString() {
    return "ProviderGateways" + byName.keySet();
  }
}
