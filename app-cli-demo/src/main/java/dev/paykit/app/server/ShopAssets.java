package dev.paykit.app.server;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Optional;

/**
 * The shop's stylesheet and script, {@code /assets/<name>}, read once from the classpath ({@code
 * src/main/resources/paykit-shop/}). Only these names are served: nothing else of the classpath can
 * be asked for.
 */
final class ShopAssets {
  /** One file and its content type. */
  record Asset(String contentType, byte[] bytes) {}

  private final Map<String, Asset> assets;

  ShopAssets() {
    this.assets =
        Map.of(
            "shop.css", load("shop.css", "text/css; charset=utf-8"),
            "shop.js", load("shop.js", "text/javascript; charset=utf-8"));
  }

  Optional<Asset> find(String name) {
    return Optional.ofNullable(assets.get(name));
  }

  private static Asset load(String name, String contentType) {
    String resource = "/paykit-shop/" + name;
    try (InputStream in = ShopAssets.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("the shop's " + resource + " is not on the classpath");
      }
      return new Asset(contentType, in.readAllBytes());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + resource, e);
    }
  }
}
