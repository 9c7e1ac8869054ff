package dev.paykit.service;

import dev.paykit.domain.payment.Charging;
import dev.paykit.domain.payment.Payment;
import dev.paykit.domain.payment.PaymentId;
import dev.paykit.domain.payment.PaymentRequest;
import dev.paykit.domain.payment.ProviderName;
import dev.paykit.port.out.PaymentStore;
import dev.paykit.port.out.ProviderGateway;
import dev.paykit.port.out.ProviderGateways;
import dev.paykit.port.out.ProviderRouting;
import dev.paykit.port.out.Stores;
import jakarta.inject.Inject;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;

/**
 * The shop's providers and its routing rule, as the services use them: where a new payment goes
 * first, which provider a payment may fail over to, and which gateway answers for a payment (its
 * own provider's, always).
 */
final class ProviderChoice {
  private final ProviderGateways providers;
  private final ProviderRouting routing;
  private final PaymentStore payments;

  @Inject
  ProviderChoice(ProviderGateways providers, ProviderRouting routing, Stores stores) {
    this.providers = providers;
    this.routing = routing;
    this.payments = stores.payments();
  }

  /** The provider that takes {@code request} first. */
  ProviderName first(PaymentRequest request) {
    return route(request).get(0);
  }

  /**
   * The provider to try after the one {@code payment} is at, if the routing rule names one after
   * it; empty for a payment whose provider is the last candidate, or not a candidate at all (the
   * rule changed since). A payment that saves a method or charges a saved one never moves: the
   * customer and their methods exist at one provider only.
   */
  Optional<ProviderName> after(Payment payment) {
    if (!(payment.request().charging() instanceof Charging.Checkout)) {
      return Optional.empty();
    }
    List<ProviderName> route = route(payment.request());
    int at = route.indexOf(payment.provider());
    return at < 0 || at + 1 >= route.size() ? Optional.empty() : Optional.of(route.get(at + 1));
  }

  /** The gateway of the provider {@code payment} is at: the only one that may have acted on it. */
  ProviderGateway gatewayOf(Payment payment) {
    return providers.gateway(payment.provider());
  }

  /**
   * The gateway of the provider the payment {@code id} is at, for what belongs to the payment (its
   * refunds, its disputes).
   */
  ProviderGateway gatewayOf(PaymentId id) {
    return gatewayOf(
        payments
            .findById(id)
            .orElseThrow(() -> new IllegalStateException("payment " + id + " is not stored")));
  }

  private List<ProviderName> route(PaymentRequest request) {
    List<ProviderName> route = routing.route(request);
    if (route == null || route.isEmpty()) {
      throw new IllegalStateException("the routing rule named no provider for a payment");
    }
    if (new HashSet<>(route).size() != route.size()) {
      throw new IllegalStateException("the routing rule named a provider twice: " + route);
    }
    for (ProviderName name : route) {
      if (!providers.has(name)) {
        throw new IllegalStateException(
            "the routing rule named provider " + name + ", which is not configured");
      }
    }
    return route;
  }
}
