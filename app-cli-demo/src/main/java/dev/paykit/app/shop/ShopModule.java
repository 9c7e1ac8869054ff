package dev.paykit.app.shop;

import com.google.inject.AbstractModule;
import com.google.inject.multibindings.OptionalBinder;
import dev.paykit.port.out.PaymentEventHandler;
import java.util.Objects;

/**
 * The shop's own bindings: its back office as the handler of Paykit's outbox events, bound the way
 * {@code PaykitModule} asks for one, so that the outbox's dispatcher delivers to it.
 */
public final class ShopModule extends AbstractModule {
  private final ShopOrders orders;

  public ShopModule(ShopOrders orders) {
    this.orders = Objects.requireNonNull(orders, "orders");
  }

  @Override
  protected void configure() {
    bind(ShopOrders.class).toInstance(orders);
    OptionalBinder.newOptionalBinder(binder(), PaymentEventHandler.class)
        .setBinding()
        .toInstance(orders);
  }
}
