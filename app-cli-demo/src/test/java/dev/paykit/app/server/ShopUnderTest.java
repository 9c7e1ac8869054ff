package dev.paykit.app.server;

import static org.awaitility.Awaitility.await;

import dev.paykit.app.DemoRuntime;
import dev.paykit.app.ProviderTarget;
import dev.paykit.app.StoreKind;
import dev.paykit.app.StoreSetup;
import dev.paykit.app.WebhookPort;
import dev.paykit.app.shop.ShopModule;
import dev.paykit.app.shop.ShopOrders;
import dev.paykit.app.tour.TourClock;
import dev.paykit.app.tour.TourSettings;
import dev.paykit.domain.payment.ExternalId;
import dev.paykit.domain.payment.HistoryEntry;
import dev.paykit.domain.payment.Payment;
import dev.paykit.domain.payment.PaymentState;
import dev.paykit.inbound.webhook.WebhookListener;
import dev.paykit.port.in.CreatePayment;
import dev.paykit.port.in.ListPayments;
import dev.paykit.port.in.VerifyPayment;
import dev.paykit.port.shared.PaymentQuery;
import dev.paykit.sandbox.SandboxPayment;
import dev.paykit.sandbox.SandboxProvider;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The demo shop over the whole demo stack, as {@code serve} runs it: the sandbox provider, the core
 * with an in-memory store, the webhook receiver and the inbox worker, all on one clock the test can
 * move forward (as the tour does) so that a checkout expires without waiting half an hour. No
 * reconciler runs: only a return page's look-up or a webhook changes a payment.
 */
final class ShopUnderTest {
  /** How long anything the shop or the provider does in the background may take here. */
  static final Duration AWAIT = Duration.ofSeconds(20);

  private final TourClock clock;
  private final DemoRuntime runtime;
  private final List<ReturnPageServer> shops = new ArrayList<>();

  private ShopUnderTest(TourClock clock, DemoRuntime runtime) {
    this.clock = clock;
    this.runtime = runtime;
  }

  static ShopUnderTest start(Path runDirectory) throws Exception {
    TourClock clock = new TourClock(Clock.systemUTC());
    TourSettings timings = TourSettings.standard();
    DemoRuntime runtime =
        DemoRuntime.start(
            new DemoRuntime.Setup(
                StoreSetup.open(StoreKind.MEMORY, null, null, null, runDirectory, false),
                ProviderTarget.of(Optional.empty(), timings, clock),
                timings.paykit(),
                clock,
                new SimpleMeterRegistry(),
                WebhookListener.none(),
                timings.inboxIdleWait(),
                false,
                WebhookPort.ANY_FREE,
                new ShopModule(new ShopOrders())));
    return new ShopUnderTest(clock, runtime);
  }

  /** A shop with {@code settings} over this stack; closed with it. */
  ReturnPageServer shop(ShopSettings settings) {
    ReturnPageServer shop =
        new ReturnPageServer(
                runtime.get(CreatePayment.class),
                runtime.get(ListPayments.class),
                runtime.get(VerifyPayment.class),
                settings,
                0)
            .start();
    shops.add(shop);
    return shop;
  }

  SandboxProvider sandbox() {
    return runtime.sandbox().orElseThrow();
  }

  /** Moves the clock the sandbox and the core share. */
  void jump(Duration forward) {
    clock.advance(forward);
  }

  /** What the store holds for a cart, newest payment first. */
  List<Payment> payments(ExternalId cart) {
    return runtime
        .get(ListPayments.class)
        .list(PaymentQuery.all().withExternalId(cart).withLimit(PaymentQuery.MAX_LIMIT))
        .items();
  }

  /** The payment's audit trail, oldest first, as the shop reads it. */
  List<HistoryEntry> history(Payment payment) {
    return runtime.get(ListPayments.class).history(payment.id());
  }

  /** What the provider holds for a cart. */
  List<SandboxPayment> atProvider(ExternalId cart) {
    return sandbox().payments().stream().filter(p -> p.externalId().equals(cart.value())).toList();
  }

  /** The cart's newest payment once it is in {@code state}; fails after {@link #AWAIT}. */
  Payment awaitNewest(ExternalId cart, PaymentState state) {
    return await("the newest payment of " + cart + " to be " + state)
        .atMost(AWAIT)
        .pollInterval(Duration.ofMillis(50))
        .until(() -> payments(cart).get(0), p -> p.state() == state);
  }

  /** Every secret of this run, none of which may reach a page or a URL. */
  List<String> secrets() {
    return List.of(sandbox().clientSecret().reveal(), sandbox().webhookSecret().reveal());
  }

  /** The cart a shop URL names ({@code /cart?cart=<id>}). */
  static ExternalId cartOf(URI cartPage) {
    String cart = ShopHttp.parameter(cartPage, "cart");
    if (cart == null) {
      throw new AssertionError("not a cart page: " + cartPage);
    }
    return new ExternalId(cart);
  }

  void close() throws Exception {
    shops.forEach(ReturnPageServer::close);
    runtime.close();
  }
}
