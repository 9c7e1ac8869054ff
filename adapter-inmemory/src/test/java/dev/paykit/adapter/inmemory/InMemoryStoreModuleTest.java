package dev.paykit.adapter.inmemory;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Scopes;
import dev.paykit.port.out.IdempotencyStore;
import dev.paykit.port.out.PaymentStore;
import dev.paykit.port.out.RefundStore;
import dev.paykit.port.out.WebhookInbox;
import java.util.List;
import org.junit.jupiter.api.Test;

class InMemoryStoreModuleTest {
  private final Injector injector = Guice.createInjector(new InMemoryStoreModule());

  @Test
  void binds_every_store_port_to_its_in_memory_store_as_a_singleton() {
    assertThat(injector.getInstance(PaymentStore.class)).isInstanceOf(InMemoryPaymentStore.class);
    assertThat(injector.getInstance(IdempotencyStore.class))
        .isInstanceOf(InMemoryIdempotencyStore.class);
    assertThat(injector.getInstance(WebhookInbox.class)).isInstanceOf(InMemoryWebhookInbox.class);
    assertThat(injector.getInstance(RefundStore.class)).isInstanceOf(InMemoryRefundStore.class);
    for (Class<?> port :
        List.of(
            PaymentStore.class, IdempotencyStore.class, WebhookInbox.class, RefundStore.class)) {
      assertThat(Scopes.isSingleton(injector.getBinding(port))).as(port.getSimpleName()).isTrue();
      assertThat(injector.getInstance(port)).isSameAs(injector.getInstance(port));
    }
  }

  @Test
  void a_port_and_its_implementation_class_give_the_same_store() {
    assertThat(injector.getInstance(PaymentStore.class))
        .isSameAs(injector.getInstance(InMemoryPaymentStore.class));
    assertThat(injector.getInstance(RefundStore.class))
        .isSameAs(injector.getInstance(InMemoryRefundStore.class));
  }

  @Test
  void each_injector_has_stores_of_its_own() {
    Injector other = Guice.createInjector(new InMemoryStoreModule());

    assertThat(other.getInstance(PaymentStore.class))
        .isNotSameAs(injector.getInstance(PaymentStore.class));
  }
}
