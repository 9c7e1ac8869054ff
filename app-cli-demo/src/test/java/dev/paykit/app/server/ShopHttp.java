package dev.paykit.app.server;

import dev.paykit.domain.payment.ExternalId;
import dev.paykit.inbound.returnpage.ReturnPage;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The shop over plain HTTP, redirects not followed, so that each step shows where it leads. */
public final class ShopHttp {
  private static final Pattern ATTEMPT = Pattern.compile("name=\"attempt\" value=\"(\\d+)\"");

  private final HttpClient http =
      HttpClient.newBuilder()
          .followRedirects(HttpClient.Redirect.NEVER)
          .connectTimeout(Duration.ofSeconds(5))
          .build();

  public HttpResponse<String> get(URI uri) throws IOException, InterruptedException {
    return http.send(
        HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(20)).GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /** Presses Pay for {@code attempt} of {@code cart}: the form the shop's pages send. */
  public HttpResponse<String> pay(URI shop, ExternalId cart, int attempt)
      throws IOException, InterruptedException {
    return post(
        shop.resolve(ReturnPageServer.PAY),
        Html.query("cart", cart.value()) + "&" + Html.query("attempt", Integer.toString(attempt)));
  }

  public HttpResponse<String> post(URI uri, String form) throws IOException, InterruptedException {
    return http.send(
        HttpRequest.newBuilder(uri)
            .timeout(Duration.ofSeconds(20))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(form))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /** Opens the shop's front door and follows it to the new cart's page. */
  public URI newCart(URI shop) throws IOException, InterruptedException {
    return location(get(shop), shop);
  }

  /** Where a redirect leads, resolved against the page it came from. */
  public static URI location(HttpResponse<?> response, URI from) {
    if (response.statusCode() != 303) {
      throw new AssertionError("expected a redirect, got " + response.statusCode());
    }
    return from.resolve(
        response
            .headers()
            .firstValue("Location")
            .orElseThrow(() -> new AssertionError("a redirect without a Location")));
  }

  /** A query parameter of a URL, decoded; null if absent. */
  public static String parameter(URI uri, String name) {
    return ReturnPage.parameters(uri.getRawQuery()).get(name);
  }

  /** The attempt a page's Pay form sends. */
  public static int payAttempt(String html) {
    Matcher matcher = ATTEMPT.matcher(html);
    if (!matcher.find()) {
      throw new AssertionError("no Pay form on the page:\n" + html);
    }
    return Integer.parseInt(matcher.group(1));
  }
}
