package dev.paykit.app.tour;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the customer's browser does, over HTTP: opens the hosted checkout (the reference provider's
 * or the fake Stripe's), presses one of its buttons (a plain form POST to the form's target,
 * answered by a redirect to the shop), and loads the shop's return page. Redirects are not followed
 * blindly: each step shows where the provider sent the customer.
 */
public final class CustomerBrowser {
  private static final Pattern TITLE = Pattern.compile("<h1>(.*?)</h1>", Pattern.DOTALL);
  private static final Pattern STATE = Pattern.compile("data-state=\"([A-Z_]+)\"");

  /** A page as the browser got it. */
  public record Page(int status, String html) {
    /** The page's heading, or empty. */
    public String title() {
      Matcher matcher = TITLE.matcher(html);
      return matcher.find() ? matcher.group(1).strip() : "";
    }

    /** The payment state the shop's return page shows, or empty. */
    public String state() {
      Matcher matcher = STATE.matcher(html);
      return matcher.find() ? matcher.group(1) : "";
    }
  }

  private final HttpClient http =
      HttpClient.newBuilder()
          .followRedirects(HttpClient.Redirect.NEVER)
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();

  public Page open(URI page) throws IOException, InterruptedException {
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(page).timeout(Duration.ofSeconds(10)).GET().build(),
            HttpResponse.BodyHandlers.ofString());
    return new Page(response.statusCode(), response.body());
  }

  /** Presses Pay; returns where the checkout redirects the customer. */
  public URI pay(URI checkout) throws IOException, InterruptedException {
    return press(checkout, "pay", "");
  }

  /** Presses Decline with the issuer's {@code declineCode}; returns the redirect target. */
  public URI decline(URI checkout, String declineCode) throws IOException, InterruptedException {
    return press(
        checkout,
        "decline",
        "declineCode=" + URLEncoder.encode(declineCode, StandardCharsets.UTF_8));
  }

  /** Presses Cancel; returns the redirect target. */
  public URI cancel(URI checkout) throws IOException, InterruptedException {
    return press(checkout, "cancel", "");
  }

  private URI press(URI checkout, String button, String form)
      throws IOException, InterruptedException {
    Page page = open(checkout);
    Matcher target =
        Pattern.compile("action=\"([^\"]*/" + Pattern.quote(button) + ")\"").matcher(page.html());
    if (page.status() != 200 || !target.find()) {
      throw new IllegalStateException(
          "the checkout page "
              + checkout
              + " has no "
              + button
              + " button ("
              + page.status()
              + ")");
    }
    // The form's own target: the sandbox's is the checkout's path plus the button, Stripe's page
    // (reached with the intent as a query) posts to a path of its own.
    URI action = checkout.resolve(target.group(1));
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(action)
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 303) {
      throw new IllegalStateException(
          "pressing " + button + " answered " + response.statusCode() + ", not a redirect");
    }
    return URI.create(
        response
            .headers()
            .firstValue("Location")
            .orElseThrow(() -> new IllegalStateException("a redirect without a Location")));
  }
}
