package dev.paykit.bench.soak;

import dev.paykit.bench.soak.CheckoutPlan.CrashPoint;
import dev.paykit.domain.idempotency.IdempotencyKey;
import dev.paykit.domain.money.Money;
import dev.paykit.domain.payment.ExternalId;
import dev.paykit.domain.payment.Payment;
import dev.paykit.domain.payment.PaymentId;
import dev.paykit.domain.payment.PaymentRequest;
import dev.paykit.domain.payment.PaymentState;
import dev.paykit.domain.payment.ProviderPayment;
import dev.paykit.domain.payment.TransactionId;
import dev.paykit.domain.refund.ProviderRefund;
import dev.paykit.port.out.PaymentStore;
import dev.paykit.port.out.ProviderGateway;
import dev.paykit.port.out.ProviderPaymentPage;
import dev.paykit.port.out.ProviderResult;
import dev.paykit.port.shared.PaymentPage;
import dev.paykit.port.shared.PaymentQuery;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Where a checkout's create "crashes", armed per thread: the client arms its plan's point before
 * its first create, and the store or gateway wrapper on the way throws {@link SimulatedCrash}
 * there, once. Only the client's thread is affected; the workers and the reconciler run unarmed.
 */
final class CrashPoints {
  private static final ThreadLocal<CrashPoint> ARMED = new ThreadLocal<>();

  private CrashPoints() {}

  static void arm(CrashPoint point) {
    if (point == CrashPoint.NONE) {
      ARMED.remove();
    } else {
      ARMED.set(point);
    }
  }

  static void disarm() {
    ARMED.remove();
  }

  /** Throws if {@code point} is armed on this thread (and disarms it), reporting it first. */
  private static void at(CrashPoint point, Consumer<CrashPoint> fired) {
    if (ARMED.get() == point) {
      ARMED.remove();
      fired.accept(point);
      throw new SimulatedCrash(point);
    }
  }

  /** The gateway, crashing before the provider is asked or after it answered. */
  static ProviderGateway gateway(ProviderGateway delegate, Consumer<CrashPoint> fired) {
    return new ProviderGateway() {
      @Override
      public ProviderResult<ProviderPayment> createPayment(
          PaymentRequest request, IdempotencyKey key) {
        at(CrashPoint.BEFORE_PROVIDER_CALL, fired);
        ProviderResult<ProviderPayment> answer = delegate.createPayment(request, key);
        at(CrashPoint.AFTER_PROVIDER_ANSWER, fired);
        return answer;
      }

      @Override
      public ProviderResult<ProviderPayment> getPayment(TransactionId transactionId) {
        return delegate.getPayment(transactionId);
      }

      @Override
      public ProviderResult<ProviderPaymentPage> findPayments(
          ExternalId externalId, String cursor, int limit) {
        return delegate.findPayments(externalId, cursor, limit);
      }

      @Override
      public ProviderResult<ProviderRefund> createRefund(
          TransactionId transactionId, Money amount, String reason, IdempotencyKey key) {
        return delegate.createRefund(transactionId, amount, reason, key);
      }

      @Override
      public ProviderResult<ProviderRefund> getRefund(String providerRefundId) {
        return delegate.getRefund(providerRefundId);
      }
    };
  }

  /** The payment store, crashing just before the new payment is recorded. */
  static PaymentStore payments(PaymentStore delegate, Consumer<CrashPoint> fired) {
    return new PaymentStore() {
      @Override
      public void insert(Payment payment) {
        at(CrashPoint.AFTER_KEY_RESERVED, fired);
        delegate.insert(payment);
      }

      @Override
      public boolean update(Payment updated, long expectedVersion) {
        return delegate.update(updated, expectedVersion);
      }

      @Override
      public Optional<Payment> findById(PaymentId id) {
        return delegate.findById(id);
      }

      @Override
      public Optional<Payment> findByTransactionId(TransactionId transactionId) {
        return delegate.findByTransactionId(transactionId);
      }

      @Override
      public Optional<Payment> findByIdempotencyKey(IdempotencyKey key) {
        return delegate.findByIdempotencyKey(key);
      }

      @Override
      public List<Payment> findByExternalId(ExternalId externalId) {
        return delegate.findByExternalId(externalId);
      }

      @Override
      public List<Payment> findStale(Set<PaymentState> states, Instant updatedBefore, int limit) {
        return delegate.findStale(states, updatedBefore, limit);
      }

      @Override
      public PaymentPage list(PaymentQuery query) {
        return delegate.list(query);
      }
    };
  }
}
