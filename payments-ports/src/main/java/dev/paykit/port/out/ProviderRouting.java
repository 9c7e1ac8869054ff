package dev.paykit.port.out;

import dev.paykit.domain.payment.PaymentRequest;
import dev.paykit.domain.payment.ProviderName;
import java.util.List;
import java.util.Objects;

/**
 * The shop's rule for which provider takes a new payment: by its currency, amount, metadata or
 * whatever else the request says. The answer is an ordered list: the first provider is tried first;
 * the ones after it are the failover candidates, tried in turn, and only while the one before
 * certainly did not act on the payment (it refused before acting, or could not be reached). A
 * timeout, a lost answer or a refusal of the payment itself never sends it elsewhere.
 *
 * <p>The rule is asked again when a payment is sent again (after a crash, by the reconciler), to
 * find the candidates after the provider the payment is at; so it must be a pure function of the
 * request, and must not change for payments still waiting for their first answer.
 */
@FunctionalInterface
public interface ProviderRouting {

  /** The providers to try for {@code request}, in order: not empty, each named once. */
  List<ProviderName> route(PaymentRequest request);

  /** Every payment to {@code provider}, without failover: a shop with one provider. */
  static ProviderRouting only(ProviderName provider) {
    Objects.requireNonNull(provider, "provider");
    List<ProviderName> route = List.of(provider);
    return request -> route;
  }

  /** Every payment to the first of {@code providers}. */
  static ProviderRouting first(ProviderGateways providers) {
    return only(providers.first());
  }
}
