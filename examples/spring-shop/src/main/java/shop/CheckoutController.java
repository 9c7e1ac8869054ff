package shop;

import dev.paykit.domain.idempotency.IdempotencyKey;
import dev.paykit.domain.money.Money;
import dev.paykit.domain.payment.ExternalId;
import dev.paykit.domain.payment.Metadata;
import dev.paykit.domain.payment.Payment;
import dev.paykit.domain.payment.PaymentRequest;
import dev.paykit.domain.payment.ReturnUrls;
import dev.paykit.inbound.returnpage.ReturnPage;
import dev.paykit.inbound.returnpage.ReturnPageResult;
import dev.paykit.port.in.CreatePayment;
import dev.paykit.port.in.CreatePaymentCommand;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * The checkout (records the order in the shop's table and sends the customer to the provider's
 * hosted checkout) and the return page (what the provider says, never what the URL says).
 */
@RestController
public class CheckoutController {
  private final CreatePayment create;
  private final ReturnPage returnPage;
  private final JdbcTemplate jdbc;

  public CheckoutController(CreatePayment create, ReturnPage returnPage, JdbcTemplate jdbc) {
    this.create = create;
    this.returnPage = returnPage;
    this.jdbc = jdbc;
  }

  @PostMapping("/orders/{orderId}/checkout")
  public ResponseEntity<Void> checkout(
      @PathVariable String orderId, @RequestParam long amount, @RequestParam String currency) {
    Money money = Money.of(amount, currency);
    jdbc.update(
        "INSERT INTO orders (order_id, amount_minor, currency) VALUES (?, ?, ?)"
            + " ON CONFLICT (order_id) DO NOTHING",
        orderId,
        money.minorUnits(),
        money.currency().getCurrencyCode());
    String returnUrl =
        ServletUriComponentsBuilder.fromCurrentContextPath()
            .path("/return")
            .queryParam("payment", ReturnUrls.PAYMENT_ID_PLACEHOLDER)
            .toUriString();
    Payment payment =
        create
            .create(
                new CreatePaymentCommand(
                    IdempotencyKey.derive("spring-shop", orderId, "attempt-1"),
                    new PaymentRequest(
                        new ExternalId(orderId),
                        money,
                        "Order " + orderId,
                        Metadata.empty(),
                        ReturnUrls.of(returnUrl, returnUrl),
                        Duration.ofMinutes(15))))
            .payment();
    // No checkout yet when the provider could not be asked: Paykit sends it later, with the key.
    return payment
        .checkout()
        .map(url -> ResponseEntity.status(HttpStatus.SEE_OTHER).location(url).<Void>build())
        .orElseGet(() -> ResponseEntity.accepted().build());
  }

  @GetMapping(value = "/return", produces = MediaType.TEXT_PLAIN_VALUE)
  public ResponseEntity<String> returnPage(@RequestParam Map<String, String> parameters) {
    ReturnPageResult result = returnPage.show(parameters);
    String state = result.getClass().getSimpleName().toUpperCase(Locale.ROOT);
    return ResponseEntity.status(result.httpStatus())
        .body(state + "\n" + result.message().title() + "\n" + result.message().body());
  }
}
