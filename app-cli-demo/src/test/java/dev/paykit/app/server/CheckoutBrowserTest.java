package dev.paykit.app.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.paykit.domain.payment.ExternalId;
import dev.paykit.domain.payment.HistoryEntry;
import dev.paykit.domain.payment.Outcome;
import dev.paykit.domain.payment.Payment;
import dev.paykit.domain.payment.PaymentState;
import dev.paykit.domain.payment.TransitionSource;
import dev.paykit.sandbox.Fault;
import dev.paykit.sandbox.PaymentStatus;
import dev.paykit.sandbox.SimulatedOutcome;
import java.awt.image.BufferedImage;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.logging.Level;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The checkout a customer sees, in a real browser (headless Chromium, {@link Chromium}) on a
 * phone's 375 px wide screen: the shop's cart, the sandbox's hosted checkout and the shop's return
 * page, over the whole demo stack ({@link ShopUnderTest}). Each scenario checks what the customer
 * sees and what the store and the provider hold. Skipped, saying so, where Chromium is not
 * installed; with {@code CI=true} it must run.
 *
 * <p>With {@code -Dpaykit.updateDocs=true} the 375 px screenshot of the return page is also written
 * to {@code docs/return-page.png}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CheckoutBrowserTest {
  private static final Duration AWAIT = ShopUnderTest.AWAIT;
  private static final By TITLE = By.cssSelector("main h1");

  /** The decline codes the sandbox knows: a code must never reach the shop's pages. */
  private static final List<String> DECLINE_CODES =
      List.of("insufficient_funds", "expired_card", "invalid_cvv", "do_not_honor");

  private static final ShopSettings SETTINGS =
      ShopSettings.standard()
          .withPolling(
              new ShopSettings.Polling(Duration.ofMillis(200), Duration.ofSeconds(1), 100));

  private ShopUnderTest stack;
  private ReturnPageServer shop;
  private ChromeDriver browser;

  @BeforeAll
  void start(@TempDir Path temp) throws Exception {
    Chromium.requireInstalled(System.getenv(), Chromium.BROWSER, Chromium.DRIVER);
    stack = ShopUnderTest.start(temp.resolve("run"));
    shop = stack.shop(SETTINGS);
    browser = Chromium.start(temp.resolve("profile"), true);
  }

  @AfterEach
  void noHeldWebhooks() {
    if (stack != null) {
      stack.sandbox().faults().clear();
    }
  }

  @AfterAll
  void stop() throws Exception {
    if (browser != null) {
      browser.quit();
    }
    if (stack != null) {
      stack.close();
    }
  }

  @Test
  void a_customer_pays_and_sees_the_confirmation() throws Exception {
    ExternalId cart = openShop(browser, shop);
    assertThat(browser.findElement(By.cssSelector(".item")).getText())
        .isEqualTo("Two concert tickets");
    assertThat(browser.findElement(By.id("pay")).getText()).isEqualTo("Pay 10.50 EUR");
    screenshot(browser, "cart.png");

    pressPay(browser);
    atCheckout(browser, "pay");

    awaitResult(browser, "paid");
    assertThat(browser.findElement(TITLE).getText()).isEqualTo("Payment received");
    assertThat(browser.findElement(By.id("message")).getText())
        .isEqualTo("Thank you, your payment was successful.");
    assertThat(browser.findElement(By.id("amount")).getText()).isEqualTo("10.50 EUR");
    assertSafe(browser);

    List<Payment> payments = stack.payments(cart);
    assertThat(payments).hasSize(1);
    assertThat(payments.get(0).state()).isEqualTo(PaymentState.SUCCEEDED);
    assertThat(payments.get(0).idempotencyKey()).isEqualTo(ShopCheckout.key(cart, 1));
    assertThat(stack.atProvider(cart))
        .extracting(p -> p.status())
        .containsExactly(PaymentStatus.CONFIRMED);
  }

  @Test
  void a_declined_customer_sees_why_in_plain_words_tries_again_and_pays() throws Exception {
    ExternalId cart = openShop(browser, shop);
    URI firstCheckout = pressPay(browser);
    new Select(browser.findElement(By.name("declineCode"))).selectByValue("insufficient_funds");
    atCheckout(browser, "decline");

    awaitResult(browser, "failed");
    assertThat(browser.findElement(TITLE).getText()).isEqualTo("Payment declined");
    assertThat(browser.findElement(By.id("message")).getText())
        .isEqualTo("Your card has insufficient funds. Please use another card or payment method.");
    assertSafe(browser);
    screenshot(browser, "return-page-declined.png");
    assertThat(stack.payments(cart))
        .extracting(Payment::state)
        .containsExactly(PaymentState.FAILED);

    browser.findElement(By.id("retry")).click();
    URI secondCheckout = awaitCheckout(browser);
    assertThat(secondCheckout).isNotEqualTo(firstCheckout);
    atCheckout(browser, "pay");

    awaitResult(browser, "paid");
    assertThat(browser.findElement(TITLE).getText()).isEqualTo("Payment received");
    List<Payment> payments = stack.payments(cart);
    assertThat(payments)
        .extracting(Payment::state)
        .containsExactly(PaymentState.SUCCEEDED, PaymentState.FAILED);
    assertThat(payments)
        .extracting(Payment::idempotencyKey)
        .containsExactly(ShopCheckout.key(cart, 2), ShopCheckout.key(cart, 1));
    assertThat(stack.atProvider(cart)).hasSize(2);
  }

  @Test
  void a_customer_who_cancels_is_led_back_to_the_cart_and_nothing_is_charged() {
    ExternalId cart = openShop(browser, shop);
    pressPay(browser);
    atCheckout(browser, "cancel");

    awaitResult(browser, "cancelled");
    assertThat(browser.findElement(TITLE).getText()).isEqualTo("Payment cancelled");
    assertThat(browser.findElement(By.id("message")).getText())
        .isEqualTo("You cancelled the payment. Nothing was charged.");
    assertSafe(browser);

    browser.findElement(By.id("back-to-cart")).click();
    waitFor(browser)
        .withMessage("the cart page after Back to your cart")
        .until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("main.cart")));
    assertThat(ShopUnderTest.cartOf(URI.create(browser.getCurrentUrl()))).isEqualTo(cart);
    assertThat(browser.findElement(By.cssSelector(".notice")).getText())
        .contains("You cancelled the payment.");
    assertThat(browser.findElement(By.id("pay")).isEnabled()).isTrue();
    assertThat(stack.payments(cart))
        .extracting(Payment::state)
        .containsExactly(PaymentState.CANCELLED);
    assertThat(stack.atProvider(cart))
        .extracting(p -> p.status())
        .containsExactly(PaymentStatus.CANCELLED);
  }

  @Test
  void a_customer_back_before_the_webhook_sees_processing_until_the_webhook_lands() {
    ExternalId cart = openShop(browser, shop);
    pressPay(browser);
    Payment started = stack.payments(cart).get(0);
    String tx = started.transactionId().value();
    stack
        .sandbox()
        .faults()
        .inject(Fault.webhookReorder(20).forTransaction(tx).maxHold(Duration.ofSeconds(120)));
    stack.sandbox().simulate(tx, SimulatedOutcome.INPROGRESS);

    // The bank is still deciding when the checkout sends the customer back, with a claim in the
    // URL that anyone could type.
    browser.get(
        started.request().returnUrls().forPayment(started.id()).successUrl()
            + "&transactionId="
            + tx
            + "&status=paid");
    awaitResult(browser, "pending");
    awaitPolling(browser, "running");
    assertThat(browser.findElement(TITLE).getText()).isEqualTo("Payment pending");
    assertThat(browser.findElement(By.id("progress")).isDisplayed()).isTrue();
    assertSafe(browser);
    assertThat(stack.payments(cart).get(0).state()).isEqualTo(PaymentState.IN_PROGRESS);

    // The provider confirms; its webhook is held back. The page keeps asking the shop, which
    // has not heard yet.
    stack.sandbox().simulate(tx, SimulatedOutcome.CONFIRMED);
    int polled = polls(browser);
    waitFor(browser)
        .withMessage("three more look-ups of the return page")
        .until(b -> polls(b) >= polled + 3);
    assertThat(browser.findElement(By.cssSelector("main")).getDomAttribute("data-result"))
        .isEqualTo("pending");
    assertThat(stack.payments(cart).get(0).state()).isEqualTo(PaymentState.IN_PROGRESS);

    stack.sandbox().faults().clear();
    awaitResult(browser, "paid");
    assertThat(browser.findElement(TITLE).getText()).isEqualTo("Payment received");
    Payment paid = stack.payments(cart).get(0);
    assertThat(paid.state()).isEqualTo(PaymentState.SUCCEEDED);
    assertThat(lastAppliedSource(paid)).contains(TransitionSource.WEBHOOK);
  }

  @Test
  void an_expired_checkout_offers_a_new_payment_which_the_customer_pays() {
    ExternalId cart = openShop(browser, shop);
    pressPay(browser);
    Payment first = stack.payments(cart).get(0);

    stack.jump(SETTINGS.paymentExpiry().plusMinutes(1));
    Payment expired = stack.awaitNewest(cart, PaymentState.EXPIRED);
    assertThat(lastAppliedSource(expired)).contains(TransitionSource.WEBHOOK);
    browser.navigate().refresh();
    assertThat(browser.findElement(By.id("status")).getText()).isEqualTo("expired");

    browser.get(first.request().returnUrls().forPayment(first.id()).cancelUrl().toString());
    awaitResult(browser, "expired");
    assertThat(browser.findElement(TITLE).getText()).isEqualTo("Payment expired");
    assertThat(browser.findElement(By.id("message")).getText())
        .isEqualTo("The payment was not completed in time. Nothing was charged.");
    assertSafe(browser);

    browser.findElement(By.id("new-payment")).click();
    awaitCheckout(browser);
    atCheckout(browser, "pay");
    awaitResult(browser, "paid");
    assertThat(stack.payments(cart))
        .extracting(Payment::state)
        .containsExactly(PaymentState.SUCCEEDED, PaymentState.EXPIRED);
  }

  @Test
  void a_double_click_on_pay_and_pay_again_after_back_make_one_payment() {
    ExternalId cart = openShop(browser, shop);
    new Actions(browser).doubleClick(browser.findElement(By.id("pay"))).perform();
    URI checkout = awaitCheckout(browser);

    browser.navigate().back();
    waitFor(browser)
        .withMessage("the cart page, usable again after Back")
        .until(
            b ->
                !b.findElements(By.cssSelector("main.cart")).isEmpty()
                    && b.findElement(By.id("pay")).getDomAttribute("aria-busy") == null);
    assertThat(ShopUnderTest.cartOf(URI.create(browser.getCurrentUrl()))).isEqualTo(cart);
    assertThat(pressPay(browser)).isEqualTo(checkout);

    assertThat(stack.payments(cart)).hasSize(1);
    assertThat(stack.atProvider(cart)).hasSize(1);
    assertThat(stack.sandbox().ledger().paymentsFor(ShopCheckout.key(cart, 1).value()))
        .isEqualTo(1);
  }

  @Test
  void the_return_page_fits_a_375_px_screen_and_is_kept_as_a_screenshot() throws Exception {
    ExternalId cart = openShop(browser, shop);
    pressPay(browser);
    Payment started = stack.payments(cart).get(0);
    stack.sandbox().simulate(started.transactionId().value(), SimulatedOutcome.INPROGRESS);
    browser.get(started.request().returnUrls().forPayment(started.id()).successUrl().toString());
    awaitResult(browser, "pending");
    awaitPolling(browser, "running");

    assertThat(script(browser, "return window.innerWidth")).isEqualTo(375L);
    assertThat((Long) script(browser, "return document.documentElement.scrollWidth"))
        .as("no sideways scrolling")
        .isLessThanOrEqualTo(375L);
    String fontSize =
        (String)
            script(browser, "return getComputedStyle(document.getElementById('message')).fontSize");
    assertThat(Double.parseDouble(fontSize.replace("px", "")))
        .as("the message's font size")
        .isGreaterThanOrEqualTo(16.0);
    for (WebElement shown :
        browser.findElements(By.cssSelector("h1, #message, .progress, .summary, .steps"))) {
      assertThat(shown.getRect().getX() + shown.getRect().getWidth())
          .as("right edge of " + shown.getTagName())
          .isLessThanOrEqualTo(375);
    }
    assertSafe(browser);

    Path screenshot = screenshot(browser, "return-page-pending.png");
    BufferedImage image = ImageIO.read(screenshot.toFile());
    assertThat(image.getWidth()).isEqualTo((int) (375 * Chromium.PIXEL_RATIO));
    if (Boolean.getBoolean("paykit.updateDocs")) {
      Path docs = Path.of("..", "docs", "return-page.png");
      Files.copy(screenshot, docs, StandardCopyOption.REPLACE_EXISTING);
    }

    stack.sandbox().simulate(started.transactionId().value(), SimulatedOutcome.CONFIRMED);
    awaitResult(browser, "paid");
    assertThat(ImageIO.read(screenshot(browser, "return-page-paid.png").toFile()).getWidth())
        .isEqualTo(image.getWidth());
  }

  @Test
  void a_return_page_that_waits_too_long_stops_and_says_the_shop_will_email() {
    ReturnPageServer patient =
        stack.shop(
            SETTINGS.withPolling(
                new ShopSettings.Polling(Duration.ofMillis(100), Duration.ofMillis(200), 3)));
    ExternalId cart = openShop(browser, patient);
    pressPay(browser);
    Payment started = stack.payments(cart).get(0);
    stack.sandbox().simulate(started.transactionId().value(), SimulatedOutcome.INPROGRESS);
    browser.get(started.request().returnUrls().forPayment(started.id()).successUrl().toString());
    awaitResult(browser, "pending");

    awaitPolling(browser, "stopped");
    assertThat(polls(browser)).isEqualTo(3);
    assertThat(browser.findElement(By.id("progress")).isDisplayed()).isFalse();
    assertThat(browser.findElement(By.id("gave-up")).getText()).contains("we will email you");
    assertThat(stack.payments(cart).get(0).state()).isEqualTo(PaymentState.IN_PROGRESS);
  }

  @Test
  void without_javascript_the_return_page_refreshes_itself_until_the_payment_is_decided(
      @TempDir Path profile) throws Exception {
    ChromeDriver plain = Chromium.start(profile, false);
    try {
      ExternalId cart = openShop(plain, shop);
      plain.findElement(By.id("pay")).click();
      awaitCheckout(plain);
      Payment started = stack.payments(cart).get(0);
      stack.sandbox().simulate(started.transactionId().value(), SimulatedOutcome.INPROGRESS);
      plain.get(started.request().returnUrls().forPayment(started.id()).successUrl().toString());
      awaitResult(plain, "pending");
      assertThat(plain.findElement(By.cssSelector("main")).getDomAttribute("data-polling"))
          .as("no script ran")
          .isNull();

      stack.sandbox().simulate(started.transactionId().value(), SimulatedOutcome.CONFIRMED);
      awaitResult(plain, "paid");
      assertThat(plain.findElement(TITLE).getText()).isEqualTo("Payment received");
      assertThat(ShopHttp.parameter(URI.create(plain.getCurrentUrl()), "polls")).isNotNull();
    } finally {
      plain.quit();
    }
  }

  /** A bounded wait that looks again when the page it looked at was replaced meanwhile. */
  private static WebDriverWait waitFor(WebDriver browser) {
    WebDriverWait wait = new WebDriverWait(browser, AWAIT);
    wait.ignoring(StaleElementReferenceException.class);
    return wait;
  }

  /** Opens the shop's front door; returns the new cart. */
  private ExternalId openShop(ChromeDriver browser, ReturnPageServer shop) {
    browser.get(shop.shopUri().toString());
    waitFor(browser)
        .withMessage("the cart page")
        .until(ExpectedConditions.elementToBeClickable(By.id("pay")));
    assertSafe(browser);
    return ShopUnderTest.cartOf(URI.create(browser.getCurrentUrl()));
  }

  /** Presses Pay; returns the provider's checkout it leads to. */
  private URI pressPay(ChromeDriver browser) {
    browser.findElement(By.id("pay")).click();
    return awaitCheckout(browser);
  }

  private URI awaitCheckout(ChromeDriver browser) {
    String checkout = stack.sandbox().baseUri() + "/checkout/";
    waitFor(browser)
        .withMessage(() -> "the provider's checkout, not " + browser.getCurrentUrl())
        .until(
            b ->
                b.getCurrentUrl().startsWith(checkout)
                    && !b.findElements(By.id("status")).isEmpty());
    return URI.create(browser.getCurrentUrl());
  }

  /** Presses one of the sandbox checkout's buttons: pay, decline or cancel. */
  private static void atCheckout(ChromeDriver browser, String button) {
    browser.findElement(By.cssSelector("button[value='" + button + "']")).click();
  }

  private static void awaitResult(ChromeDriver browser, String result) {
    waitFor(browser)
        .withMessage(
            () ->
                "the return page to show "
                    + result
                    + "; the browser is at "
                    + browser.getCurrentUrl())
        .until(
            ExpectedConditions.presenceOfElementLocated(
                By.cssSelector("main.result[data-result='" + result + "']")));
  }

  private static void awaitPolling(ChromeDriver browser, String state) {
    waitFor(browser)
        .withMessage("the return page's polling to be " + state)
        .until(
            ExpectedConditions.presenceOfElementLocated(
                By.cssSelector("main[data-polling='" + state + "']")));
  }

  private static int polls(WebDriver browser) {
    String polls = browser.findElement(By.cssSelector("main")).getDomAttribute("data-polls");
    return polls == null ? 0 : Integer.parseInt(polls);
  }

  private static Object script(ChromeDriver browser, String script) {
    return browser.executeScript(script);
  }

  /**
   * What no shop page may show or be reached by: a secret, a decline code, or a console error (a
   * script or a style the Content-Security-Policy refused among them).
   */
  private void assertSafe(ChromeDriver browser) {
    String url = browser.getCurrentUrl();
    String source = browser.getPageSource();
    for (String code : DECLINE_CODES) {
      assertThat(source).as("decline code on " + url).doesNotContain(code);
    }
    for (String secret : stack.secrets()) {
      assertThat(source).as("a secret on " + url).doesNotContain(secret);
      assertThat(url).as("a secret in the URL").doesNotContain(secret);
    }
    List<LogEntry> errors =
        browser.manage().logs().get(LogType.BROWSER).getAll().stream()
            .filter(e -> e.getLevel().intValue() >= Level.WARNING.intValue())
            .filter(e -> !e.getMessage().contains("favicon.ico"))
            .toList();
    assertThat(errors).as("console messages on " + url).isEmpty();
  }

  private Optional<TransitionSource> lastAppliedSource(Payment payment) {
    return stack.history(payment).stream()
        .filter(e -> e.outcome() == Outcome.APPLIED)
        .reduce((earlier, later) -> later)
        .map(HistoryEntry::source);
  }

  private static Path screenshot(ChromeDriver browser, String name) throws Exception {
    Path directory = buildDirectory().resolve("browser-screenshots");
    Files.createDirectories(directory);
    Path file = directory.resolve(name);
    Files.write(file, browser.getScreenshotAs(OutputType.BYTES));
    return file;
  }

  /** The module's build directory ({@code target}, or {@code -Dpaykit.buildDir}). */
  private static Path buildDirectory() throws Exception {
    return Path.of(
            CheckoutBrowserTest.class.getProtectionDomain().getCodeSource().getLocation().toURI())
        .getParent();
  }
}
