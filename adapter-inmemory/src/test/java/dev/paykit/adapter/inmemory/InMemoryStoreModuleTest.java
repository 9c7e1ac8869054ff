package dev.paykit.adapter.inmemory;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Scopes;
import dev.paykit.port.out.DisputeStore;
import dev.paykit.port.out.IdempotencyStore;
import dev.paykit.port.out.Outbox;
import dev.paykit.port.out.PaymentStore;
import dev.paykit.port.out.RefundStore;
import dev.paykit.port.out.Stores;
import dev.paykit.port.out.UnitOfWork;
import dev.paykit.port.out.WebhookInbox;
import java.util.List;
import org.junit.jupiter.api.Test;

class InMemoryStoreModuleTest {
  private static final List<Class<?>> PORTS =
      List.of(
          Stores.class,
          UnitOfWork.class,
          PaymentStore.class,
          IdempotencyStore.class,
          WebhookInbox.class,
          RefundStore.class,
          DisputeStore.class,
          Outbox.class);

  private final Injector injector = Guice.createInjector(new InMemoryStoreModule());

  @Test
  void binds_stores_to_one_in_memory_family_as_a_singleton() {
    assertThat(injector.getInstance(Stores.class)).isInstanceOf(InMemoryStores.class);
    for (Class<?> port : PORTS) {
      assertThat(Scopes.isSingleton(injector.getBinding(port))).as(port.getSimpleName()).isTrue();
      assertThat(injector.getInstance(port)).isSameAs(injector.getInstance(port));
    }
  }

  @Test
  void every_port_belongs_to_the_family_the_unit_of_work_covers() {
    Stores stores = injector.getInstance(Stores.class);

    assertThat(injector.getInstance(InMemoryStores.class)).isSameAs(stores);
    assertThat(injector.getInstance(UnitOfWork.class)).isSameAs(stores.unitOfWork());
    assertThat(injector.getInstance(PaymentStore.class)).isSameAs(stores.payments());
    assertThat(injector.getInstance(IdempotencyStore.class)).isSameAs(stores.idempotencyKeys());
    assertThat(injector.getInstance(WebhookInbox.class)).isSameAs(stores.inbox());
    assertThat(injector.getInstance(RefundStore.class)).isSameAs(stores.refunds());
    assertThat(injector.getInstance(DisputeStore.class)).isSameAs(stores.disputes());
    assertThat(injector.getInstance(Outbox.class)).isSameAs(stores.outbox());
  }

  @Test
  void each_injector_has_stores_of_its_own() {
    Injector other = Guice.createInjector(new InMemoryStoreModule());

    assertThat(other.getInstance(Stores.class)).isNotSameAs(injector.getInstance(Stores.class));
    assertThat(other.getInstance(PaymentStore.class))
        .isNotSameAs(injector.getInstance(PaymentStore.class));
  }
}
