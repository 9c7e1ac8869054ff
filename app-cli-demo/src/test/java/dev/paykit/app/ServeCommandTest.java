package dev.paykit.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.paykit.app.server.ShopHttp;
import dev.paykit.app.tour.CustomerBrowser;
import dev.paykit.app.tour.FlowCatalog;
import dev.paykit.domain.payment.ExternalId;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code serve}: a person can pay in the printed shop and see the shop's verdict. */
class ServeCommandTest {
  private static final Pattern SHOP =
      Pattern.compile("^  (http://127\\.0\\.0\\.1:\\d+/)$", Pattern.MULTILINE);

  @TempDir Path data;

  @Test
  void the_printed_shop_can_be_paid_in_and_its_return_page_shows_the_providers_word()
      throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    PrintStream print = new PrintStream(out, true, StandardCharsets.UTF_8);
    CompletableFuture<Integer> serving =
        CompletableFuture.supplyAsync(
            () ->
                PaykitDemo.execute(
                    new String[] {
                      "serve", "--seconds", "8", "--store", "memory", "--data-dir", data.toString()
                    },
                    Map.of(),
                    print,
                    print,
                    FlowCatalog.standard()));

    await().atMost(Duration.ofSeconds(20)).until(() -> SHOP.matcher(text(out)).find());
    Matcher printed = SHOP.matcher(text(out));
    assertThat(printed.find()).isTrue();
    URI shop = URI.create(printed.group(1));
    ShopHttp http = new ShopHttp();
    URI cart = http.newCart(shop);
    int attempt = ShopHttp.payAttempt(http.get(cart).body());
    URI checkout =
        ShopHttp.location(
            http.pay(shop, new ExternalId(ShopHttp.parameter(cart, "cart")), attempt), shop);
    CustomerBrowser browser = new CustomerBrowser();
    CustomerBrowser.Page page = browser.open(browser.pay(checkout));

    assertThat(page.title()).isEqualTo("Payment received");
    assertThat(page.state()).isEqualTo("SUCCEEDED");
    assertThat(serving.get(30, TimeUnit.SECONDS)).isZero();
    assertThat(text(out)).contains("Stopped.");
  }

  private static String text(ByteArrayOutputStream out) {
    return out.toString(StandardCharsets.UTF_8);
  }
}
