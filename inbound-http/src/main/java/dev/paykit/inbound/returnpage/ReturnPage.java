package dev.paykit.inbound.returnpage;

import dev.paykit.domain.ValidationException;
import dev.paykit.domain.payment.ExternalId;
import dev.paykit.domain.payment.Payment;
import dev.paykit.domain.payment.PaymentId;
import dev.paykit.domain.payment.ReturnUrls;
import dev.paykit.inbound.returnpage.ReturnPageResult.Invalid;
import dev.paykit.inbound.returnpage.ReturnPageResult.NotFound;
import dev.paykit.port.in.ListPayments;
import dev.paykit.port.in.PaymentNotFoundException;
import dev.paykit.port.in.VerifyPayment;
import dev.paykit.port.shared.PaymentQuery;
import jakarta.inject.Inject;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The shop's return page without the HTTP: the shop's own handler, in whatever framework, passes
 * the redirect's query parameters and renders the {@link ReturnPageResult}. The parameters only say
 * which payment to look at. Whatever else they claim ({@code status=paid}, a transaction id) proves
 * nothing, since anyone can type it: the payment is verified with the provider through {@link
 * VerifyPayment}, and the result is what the provider said.
 *
 * <p>The payment is found by its id, {@code payment=<id>}: put {@code payment=}{@value
 * ReturnUrls#PAYMENT_ID_PLACEHOLDER} into the {@link ReturnUrls}, and the core sends the provider
 * the URLs with the new payment's id in its place. Without it the newest payment of the order is
 * taken, {@code order=<externalId>}. With both, the payment must be of that order.
 */
public final class ReturnPage {
  /** The query parameter with the payment's id. */
  public static final String PAYMENT_PARAMETER = "payment";

  /** The query parameter with the order's {@code externalId}. */
  public static final String ORDER_PARAMETER = "order";

  private final ListPayments payments;
  private final VerifyPayment verify;

  @Inject
  public ReturnPage(ListPayments payments, VerifyPayment verify) {
    this.payments = Objects.requireNonNull(payments, "payments");
    this.verify = Objects.requireNonNull(verify, "verify");
  }

  /**
   * What to show for a redirect with these query parameters (one value per name). Errors of the
   * store or the provider propagate: the page cannot say anything true then, and the customer
   * should reload it.
   */
  public ReturnPageResult show(Map<String, String> query) {
    Objects.requireNonNull(query, "query");
    String payment = query.get(PAYMENT_PARAMETER);
    String order = query.get(ORDER_PARAMETER);
    if (payment != null) {
      return byPayment(payment, order);
    }
    if (order != null) {
      return forOrder(order);
    }
    return new Invalid(PAYMENT_PARAMETER, "required");
  }

  /** What to show for the payment with this id, however the shop's URL carried it. */
  public ReturnPageResult forPayment(String paymentId) {
    return byPayment(paymentId, null);
  }

  /** What to show for the newest payment of this order, however the shop's URL carried it. */
  public ReturnPageResult forOrder(String externalId) {
    ExternalId order;
    try {
      order = new ExternalId(externalId);
    } catch (ValidationException e) {
      return new Invalid(ORDER_PARAMETER, e.rule());
    }
    List<Payment> newest =
        payments.list(PaymentQuery.all().withExternalId(order).withLimit(1)).items();
    return newest.isEmpty() ? new NotFound() : verified(newest.get(0).id());
  }

  private ReturnPageResult byPayment(String paymentId, String order) {
    if (ReturnUrls.PAYMENT_ID_PLACEHOLDER.equals(paymentId)) {
      // The URL went out as the shop wrote it: it was not sent to the provider through Paykit.
      return new Invalid(PAYMENT_PARAMETER, "placeholder_not_replaced");
    }
    PaymentId id;
    try {
      id = new PaymentId(paymentId);
    } catch (ValidationException e) {
      return new Invalid(PAYMENT_PARAMETER, e.rule());
    }
    Optional<Payment> known = payments.find(id);
    if (known.isEmpty() || order != null && !order.equals(known.get().externalId().value())) {
      return new NotFound();
    }
    return verified(id);
  }

  private ReturnPageResult verified(PaymentId id) {
    try {
      return ReturnPageResult.of(verify.verify(id));
    } catch (PaymentNotFoundException e) {
      return new NotFound();
    }
  }

  /**
   * The parameters of a raw (still percent-encoded) query string, for a server that hands over only
   * that: names and values decoded as a form would be, the first value of a name kept, pairs
   * without a name or that cannot be decoded left out. Null gives no parameters.
   */
  public static Map<String, String> parameters(String rawQuery) {
    Map<String, String> values = new HashMap<>();
    if (rawQuery == null) {
      return values;
    }
    for (String pair : rawQuery.split("&")) {
      int eq = pair.indexOf('=');
      if (eq > 0) {
        try {
          values.putIfAbsent(
              URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
              URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        } catch (IllegalArgumentException damaged) {
          // A broken escape (%zz): the pair says nothing reliable, so it is as if it were absent.
        }
      }
    }
    return values;
  }
}
