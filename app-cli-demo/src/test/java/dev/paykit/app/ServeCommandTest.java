package dev.paykit.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.paykit.app.tour.CustomerBrowser;
import dev.paykit.app.tour.FlowCatalog;
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

/** {@code serve}: a person can pay at the printed checkout URL and see the shop's verdict. */
class ServeCommandTest {
  private static final Pattern CHECKOUT = Pattern.compile("(http://\\S+/checkout/tx_\\w+)");

  @TempDir Path data;

  @Test
  void the_printed_checkout_can_be_paid_and_the_shop_page_shows_the_providers_word()
      throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    PrintStream print = new PrintStream(out, true, StandardCharsets.UTF_8);
    CompletableFuture<Integer> serving =
        CompletableFuture.supplyAsync(
            () ->
                PaykitDemo.execute(
                    new String[] {
                      "serve", "--seconds", "5", "--store", "memory", "--data-dir", data.toString()
                    },
                    Map.of(),
                    print,
                    print,
                    FlowCatalog.standard()));

    await().atMost(Duration.ofSeconds(20)).until(() -> CHECKOUT.matcher(text(out)).find());
    Matcher checkout = CHECKOUT.matcher(text(out));
    assertThat(checkout.find()).isTrue();
    CustomerBrowser browser = new CustomerBrowser();
    URI back = browser.pay(URI.create(checkout.group(1)));
    CustomerBrowser.Page page = browser.open(back);

    assertThat(page.title()).isEqualTo("Payment received");
    assertThat(page.state()).isEqualTo("SUCCEEDED");
    assertThat(serving.get(30, TimeUnit.SECONDS)).isZero();
    assertThat(text(out)).contains("Stopped.");
  }

  private static String text(ByteArrayOutputStream out) {
    return out.toString(StandardCharsets.UTF_8);
  }
}
