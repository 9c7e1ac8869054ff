package dev.paykit.testkit.flows;

import dev.paykit.domain.idempotency.IdempotencyKey;
import dev.paykit.domain.payment.ExternalId;
import dev.paykit.domain.payment.HistoryEntry;
import dev.paykit.domain.payment.Payment;
import dev.paykit.domain.payment.PaymentId;
import dev.paykit.domain.payment.PaymentRequest;
import dev.paykit.domain.payment.PaymentState;
import dev.paykit.domain.payment.ProviderName;
import dev.paykit.domain.payment.ProviderPayment;
import dev.paykit.domain.payment.TransactionId;
import dev.paykit.port.out.DisputeStore;
import dev.paykit.port.out.IdempotencyStore;
import dev.paykit.port.out.Outbox;
import dev.paykit.port.out.PaymentStore;
import dev.paykit.port.out.ProviderGateway;
import dev.paykit.port.out.ProviderResult;
import dev.paykit.port.out.RefundStore;
import dev.paykit.port.out.Stores;
import dev.paykit.port.out.SubscriptionStore;
import dev.paykit.port.out.UnitOfWork;
import dev.paykit.port.out.WebhookInbox;
import dev.paykit.port.shared.PaymentPage;
import dev.paykit.port.shared.PaymentQuery;
import dev.paykit.testkit.ForwardingGateway;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Makes a payment create "crash" at a chosen {@link CrashPoint}, on one thread, once. Wrap the
 * stores and the gateway the services use with {@link #stores} and {@link #gateway}; a client
 * thread {@link #arm}s a point before its create, and the wrapper on the way throws {@link
 * SimulatedCrash} there and disarms. Only the arming thread is affected: workers, the reconciler
 * and other clients go through the same wrappers untouched.
 *
 * <pre>{@code
 * CrashPoints crashes = new CrashPoints(point -> crashed.incrementAndGet());
 * Stores stores = crashes.stores(jdbcStores);           // what the services are built with
 * ProviderGateway provider = crashes.gateway(gateway);
 * ...
 * crashes.arm(CrashPoint.AFTER_PROVIDER_ANSWER);
 * try {
 *   createPayment.create(command); // SimulatedCrash: the provider has it, the store not its answer
 * } finally {
 *   crashes.disarm();
 * }
 * }</pre>
 *
 * <p>Thread-safe; one instance serves any number of wrappers and threads.
 */
public final class CrashPoints {
  private final ThreadLocal<CrashPoint> armed = new ThreadLocal<>();
  private final Consumer<CrashPoint> onCrash;

  /**
   * @param onCrash told each time a crash fires, on the crashing thread, just before it is thrown
   *     (to count them, for example)
   */
  public CrashPoints(Consumer<CrashPoint> onCrash) {
    this.onCrash = Objects.requireNonNull(onCrash, "onCrash");
  }

  /** Arms {@code point} for the calling thread; {@link CrashPoint#NONE} disarms. */
  public void arm(CrashPoint point) {
    Objects.requireNonNull(point, "point");
    if (point == CrashPoint.NONE) {
      armed.remove();
    } else {
      armed.set(point);
    }
  }

  /** Disarms the calling thread, whether or not its crash fired. */
  public void disarm() {
    armed.remove();
  }

  /** The point armed on the calling thread and not yet fired, or {@link CrashPoint#NONE}. */
  public CrashPoint armed() {
    CrashPoint point = armed.get();
    return point == null ? CrashPoint.NONE : point;
  }

  private void at(CrashPoint point) {
    if (armed.get() == point) {
      armed.remove();
      onCrash.accept(point);
      throw new SimulatedCrash(point);
    }
  }

  /**
   * {@code delegate}, crashing before the provider is asked to create ({@link
   * CrashPoint#BEFORE_PROVIDER_CALL}) or after it answered ({@link
   * CrashPoint#AFTER_PROVIDER_ANSWER}).
   */
  public ProviderGateway gateway(ProviderGateway delegate) {
    Objects.requireNonNull(delegate, "delegate");
    return new ForwardingGateway(delegate) {
      @Override
      public ProviderResult<ProviderPayment> createPayment(
          PaymentRequest request, IdempotencyKey key) {
        at(CrashPoint.BEFORE_PROVIDER_CALL);
        ProviderResult<ProviderPayment> answer = super.createPayment(request, key);
        at(CrashPoint.AFTER_PROVIDER_ANSWER);
        return answer;
      }
    };
  }

  /**
   * {@code stores} with their payment store wrapped by {@link #payments}: the same unit of work and
   * the same other stores and outbox, so a crash inside a phase undoes the phase, outbox events
   * included, as a killed process's open transaction is rolled back.
   */
  public Stores stores(Stores stores) {
    Objects.requireNonNull(stores, "stores");
    PaymentStore payments = payments(stores.payments());
    return new Stores() {
      @Override
      public PaymentStore payments() {
        return payments;
      }

      @Override
      public IdempotencyStore idempotencyKeys() {
        return stores.idempotencyKeys();
      }

      @Override
      public WebhookInbox inbox() {
        return stores.inbox();
      }

      @Override
      public RefundStore refunds() {
        return stores.refunds();
      }

      @Override
      public DisputeStore disputes() {
        return stores.disputes();
      }

      @Override
      public SubscriptionStore subscriptions() {
        return stores.subscriptions();
      }

      @Override
      public Outbox outbox() {
        return stores.outbox();
      }

      @Override
      public UnitOfWork unitOfWork() {
        return stores.unitOfWork();
      }
    };
  }

  /**
   * {@code delegate}, crashing just before a new payment is recorded ({@link
   * CrashPoint#AFTER_KEY_RESERVED}: the create reserves the key first, in the same phase).
   */
  public PaymentStore payments(PaymentStore delegate) {
    Objects.requireNonNull(delegate, "delegate");
    return new PaymentStore() {
      @Override
      public void insert(Payment payment) {
        at(CrashPoint.AFTER_KEY_RESERVED);
        delegate.insert(payment);
      }

      @Override
      public boolean update(Payment updated, long expectedVersion) {
        return delegate.update(updated, expectedVersion);
      }

      @Override
      public boolean countRepeat(PaymentId id, HistoryEntry repeated) {
        return delegate.countRepeat(id, repeated);
      }

      @Override
      public List<HistoryEntry> history(PaymentId id) {
        return delegate.history(id);
      }

      @Override
      public Optional<Payment> findById(PaymentId id) {
        return delegate.findById(id);
      }

      @Override
      public Optional<Payment> findByTransactionId(
          ProviderName provider, TransactionId transactionId) {
        return delegate.findByTransactionId(provider, transactionId);
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
      public List<Payment> findStale(Set<PaymentState> states, Instant quietBefore, int limit) {
        return delegate.findStale(states, quietBefore, limit);
      }

      @Override
      public boolean recordLookUp(PaymentId id, Instant at) {
        return delegate.recordLookUp(id, at);
      }

      @Override
      public PaymentPage list(PaymentQuery query) {
        return delegate.list(query);
      }
    };
  }
}
