package dev.paykit.service;

import dev.paykit.domain.outbox.OutboxEvent;
import dev.paykit.port.out.DisputeStore;
import dev.paykit.port.out.IdempotencyStore;
import dev.paykit.port.out.Outbox;
import dev.paykit.port.out.PaymentStore;
import dev.paykit.port.out.RefundStore;
import dev.paykit.port.out.Stores;
import dev.paykit.port.out.SubscriptionStore;
import dev.paykit.port.out.UnitOfWork;
import dev.paykit.port.out.WebhookInbox;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * A family of stores that notes every phase and every store call, with the phase it was made in:
 * what a test needs to count the phases (the transactions, on a database) a use case takes and to
 * see what each holds. Phases are numbered from 1 in the order they start; a call made outside any
 * phase is noted with phase 0. Only outermost phases count: a nested one joins its outer phase, as
 * {@link UnitOfWork} says. Safe for use from many threads.
 *
 * <p>A store's default methods ({@code PaymentStore.write}, the short {@code WebhookInbox.claim})
 * are run as the interface defines them, so what gets noted is the calls they make.
 */
final class RecordingStores implements Stores {

  /** One store call: the phase it was made in (0: none), the store and the method. */
  record Call(int phase, String store, String method) {
    @Override
    public String toString() {
      return (phase == 0 ? "-" : Integer.toString(phase)) + " " + store + "." + method;
    }
  }

  private final Stores stores;
  private final PaymentStore payments;
  private final IdempotencyStore keys;
  private final WebhookInbox inbox;
  private final RefundStore refunds;
  private final DisputeStore disputes;
  private final SubscriptionStore subscriptions;
  private final Outbox outbox;
  private final UnitOfWork unitOfWork = new CountingUnitOfWork();
  private final ThreadLocal<Integer> phase = new ThreadLocal<>();
  private final AtomicInteger phases = new AtomicInteger();
  private final Set<Integer> undone = ConcurrentHashMap.newKeySet();
  private final List<Call> calls = new CopyOnWriteArrayList<>();
  private final List<String> appended = new CopyOnWriteArrayList<>();

  RecordingStores(Stores stores) {
    this.stores = stores;
    this.payments = recorded(PaymentStore.class, "payments", stores.payments());
    this.keys = recorded(IdempotencyStore.class, "keys", stores.idempotencyKeys());
    this.inbox = recorded(WebhookInbox.class, "inbox", stores.inbox());
    this.refunds = recorded(RefundStore.class, "refunds", stores.refunds());
    this.disputes = recorded(DisputeStore.class, "disputes", stores.disputes());
    this.subscriptions = recorded(SubscriptionStore.class, "subscriptions", stores.subscriptions());
    this.outbox = recorded(Outbox.class, "outbox", stores.outbox());
  }

  /** Forgets what was noted so far: what the test set up is not what it measures. */
  void reset() {
    calls.clear();
    appended.clear();
    undone.clear();
    phases.set(0);
  }

  /** How many phases started since the last {@link #reset}. */
  int phases() {
    return phases.get();
  }

  /** The phases that ended by throwing, their writes undone. */
  Set<Integer> undone() {
    return Set.copyOf(undone);
  }

  /** Every store call since the last {@link #reset}, in the order they were made. */
  List<Call> calls() {
    return List.copyOf(calls);
  }

  /** The calls as {@link Call#toString()} shows them ("1 keys.reserve", "- inbox.claim"). */
  List<String> trace() {
    return calls.stream().map(Call::toString).toList();
  }

  /**
   * The outbox events appended since the last {@link #reset}, each with the phase it was appended
   * in, as "2 payment.started": whether a phase that appended was kept is {@link #undone}'s to say.
   */
  List<String> appended() {
    return List.copyOf(appended);
  }

  @Override
  public PaymentStore payments() {
    return payments;
  }

  @Override
  public IdempotencyStore idempotencyKeys() {
    return keys;
  }

  @Override
  public WebhookInbox inbox() {
    return inbox;
  }

  @Override
  public RefundStore refunds() {
    return refunds;
  }

  @Override
  public DisputeStore disputes() {
    return disputes;
  }

  @Override
  public SubscriptionStore subscriptions() {
    return subscriptions;
  }

  @Override
  public Outbox outbox() {
    return outbox;
  }

  @Override
  public UnitOfWork unitOfWork() {
    return unitOfWork;
  }

  private final class CountingUnitOfWork implements UnitOfWork {
    @Override
    public <T> T atomically(Supplier<T> work) {
      if (phase.get() != null) {
        return stores.unitOfWork().atomically(work);
      }
      int number = phases.incrementAndGet();
      phase.set(number);
      try {
        return stores.unitOfWork().atomically(work);
      } catch (RuntimeException | Error e) {
        undone.add(number);
        throw e;
      } finally {
        phase.remove();
      }
    }
  }

  private <T> T recorded(Class<T> type, String name, T delegate) {
    InvocationHandler handler =
        (proxy, method, args) -> {
          if (method.getDeclaringClass() == Object.class) {
            return invoke(method, delegate, args);
          }
          if (method.isDefault()) {
            return InvocationHandler.invokeDefault(proxy, method, args);
          }
          Integer current = phase.get();
          Call call = new Call(current == null ? 0 : current, name, method.getName());
          calls.add(call);
          if (args != null && args.length == 1 && args[0] instanceof OutboxEvent event) {
            appended.add(
                (call.phase() == 0 ? "-" : Integer.toString(call.phase()))
                    + " "
                    + event.type().wireName());
          }
          return invoke(method, delegate, args);
        };
    return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, handler));
  }

  private static Object invoke(Method method, Object target, Object[] args) throws Throwable {
    try {
      return method.invoke(target, args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }
}
