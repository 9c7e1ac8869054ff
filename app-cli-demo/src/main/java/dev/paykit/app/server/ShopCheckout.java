package dev.paykit.app.server;

import dev.paykit.domain.ValidationException;
import dev.paykit.domain.idempotency.IdempotencyKey;
import dev.paykit.domain.payment.ExternalId;
import dev.paykit.domain.payment.Metadata;
import dev.paykit.domain.payment.Payment;
import dev.paykit.domain.payment.PaymentId;
import dev.paykit.domain.payment.PaymentRequest;
import dev.paykit.domain.payment.PaymentState;
import dev.paykit.domain.payment.ReturnUrls;
import dev.paykit.port.in.CreatePayment;
import dev.paykit.port.in.CreatePaymentCommand;
import dev.paykit.port.in.IdempotencyKeyReusedException;
import dev.paykit.port.in.ListPayments;
import dev.paykit.port.in.OrderAlreadyPaidException;
import dev.paykit.port.in.RequestInProgressException;
import dev.paykit.port.shared.PaymentQuery;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * The shop's side of paying. A cart is an order ({@code externalId}); each press of Pay is an
 * attempt, and an attempt's payment is created with a key derived from the cart and the attempt's
 * number. A double click or a Pay pressed again after Back sends the same attempt, so the same key,
 * and gets the same payment back; only a new attempt (after a decline, a cancel or an expiry) makes
 * a new payment.
 */
final class ShopCheckout {
  /** The first part of every key the shop derives, so that its keys never meet another caller's. */
  static final String KEY_SCOPE = "paykit-demo-shop";

  /** More attempts than anyone makes by hand; it keeps a cart's payments within one listing. */
  static final int MAX_ATTEMPTS = 50;

  private static final Duration FIRST_PAUSE = Duration.ofMillis(25);
  private static final Duration LONGEST_PAUSE = Duration.ofMillis(400);

  private final CreatePayment create;
  private final ListPayments payments;
  private final ShopSettings settings;

  ShopCheckout(CreatePayment create, ListPayments payments, ShopSettings settings) {
    this.create = Objects.requireNonNull(create, "create");
    this.payments = Objects.requireNonNull(payments, "payments");
    this.settings = Objects.requireNonNull(settings, "settings");
  }

  /** A cart and the payments made for it, newest first. */
  record Cart(ExternalId id, List<Payment> payments) {
    Cart {
      Objects.requireNonNull(id, "id");
      payments = List.copyOf(payments);
    }

    Optional<Payment> newest() {
      return payments.stream().findFirst();
    }

    /** The payment that paid for the cart, if one did. */
    Optional<Payment> paid() {
      return payments.stream().filter(p -> p.state() == PaymentState.SUCCEEDED).findFirst();
    }

    /**
     * The attempt that Pay sends: the open one again while there is one (its key brings back its
     * payment), otherwise the next.
     */
    int payAttempt() {
      boolean open = newest().map(p -> p.state().isActive()).orElse(false);
      return open ? payments.size() : payments.size() + 1;
    }
  }

  /** What {@code POST /pay} comes to; the server answers each in one place. */
  sealed interface Outcome {
    /** The attempt's payment waits at the provider's hosted checkout. */
    record ToCheckout(URI checkout) implements Outcome {}

    /** The payment is decided, or not at the provider yet: the return page shows it. */
    record ToPayment(PaymentId payment) implements Outcome {}

    /** Another request with the same key (a double click) is still creating the payment. */
    record StillStarting(ExternalId cart, int attempt) implements Outcome {}

    /** The key was used for a different request: the shop's prices changed under the cart. */
    record KeyConflict(ExternalId cart) implements Outcome {}
  }

  /** A new cart's id: random, so that one customer cannot guess another's. */
  static ExternalId newCart() {
    return new ExternalId("cart-" + UUID.randomUUID().toString().replace("-", "").substring(0, 16));
  }

  /**
   * The cart named by a form or a link.
   *
   * @throws ValidationException naming {@code cart}
   */
  static ExternalId cartId(String value) {
    try {
      return new ExternalId(value);
    } catch (ValidationException e) {
      throw new ValidationException("cart", e.rule(), "is not a cart id");
    }
  }

  /**
   * The attempt number of a Pay form.
   *
   * @throws ValidationException naming {@code attempt}
   */
  static int attempt(String value) {
    if (value == null || value.isEmpty()) {
      throw new ValidationException("attempt", "required", "is required");
    }
    if (value.length() > 3 || !value.chars().allMatch(c -> c >= '0' && c <= '9')) {
      throw new ValidationException("attempt", "not_a_number", "must be a whole number");
    }
    int attempt = Integer.parseInt(value);
    if (attempt < 1 || attempt > MAX_ATTEMPTS) {
      throw new ValidationException(
          "attempt", "out_of_range", "must be between 1 and " + MAX_ATTEMPTS);
    }
    return attempt;
  }

  /** The key of an attempt's payment: the same cart and number always give the same key. */
  static IdempotencyKey key(ExternalId cart, int attempt) {
    return IdempotencyKey.derive(KEY_SCOPE, cart.value(), "attempt-" + attempt);
  }

  Cart cart(ExternalId id) {
    return new Cart(
        id,
        payments
            .list(PaymentQuery.all().withExternalId(id).withLimit(PaymentQuery.MAX_LIMIT))
            .items());
  }

  /**
   * Creates the attempt's payment, or gets it back if it exists. While another request holds the
   * key it tries again with the same key, for at most {@link ShopSettings#startWait()}.
   */
  Outcome pay(ExternalId cart, int attempt, ReturnUrls returnUrls) {
    CreatePaymentCommand command =
        new CreatePaymentCommand(
            key(cart, attempt),
            new PaymentRequest(
                cart,
                settings.price(),
                settings.item(),
                Metadata.of(Map.of("channel", "shop", "attempt", Integer.toString(attempt))),
                returnUrls,
                settings.paymentExpiry()));
    long deadline = System.nanoTime() + settings.startWait().toNanos();
    Duration pause = FIRST_PAUSE;
    while (true) {
      try {
        return where(create.create(command).payment());
      } catch (OrderAlreadyPaidException e) {
        return new Outcome.ToPayment(e.paidBy());
      } catch (IdempotencyKeyReusedException e) {
        return new Outcome.KeyConflict(cart);
      } catch (RequestInProgressException e) {
        if (System.nanoTime() + pause.toNanos() > deadline || !pause(pause)) {
          return new Outcome.StillStarting(cart, attempt);
        }
        Duration doubled = pause.multipliedBy(2);
        pause = doubled.compareTo(LONGEST_PAUSE) > 0 ? LONGEST_PAUSE : doubled;
      }
    }
  }

  private static Outcome where(Payment payment) {
    if (payment.state().isActive() && payment.checkoutUrl() != null) {
      return new Outcome.ToCheckout(payment.checkoutUrl());
    }
    return new Outcome.ToPayment(payment.id());
  }

  /** Whether the pause ran its course; an interrupt ends it, and the wait. */
  private static boolean pause(Duration pause) {
    try {
      Thread.sleep(pause.toMillis());
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
