package dev.paykit.adapter.http;

import dev.paykit.transport.ProviderRequest;
import java.net.URI;

/** The reference API's paths and headers, and how they are joined to the configured base URL. */
final class Endpoints {
  static final String REQUEST_ID = "Request-Id";
  static final String IDEMPOTENT_REPLAYED = "Idempotent-Replayed";

  private Endpoints() {}

  /** {@code base} may carry a path prefix of its own ({@code https://host/provider}). */
  static URI resolve(URI base, String pathAndQuery) {
    String prefix = base.toString();
    while (prefix.endsWith("/")) {
      prefix = prefix.substring(0, prefix.length() - 1);
    }
    return URI.create(prefix + pathAndQuery);
  }

  /** An id as one path segment or query value: ids are the provider's and may hold anything. */
  static String encode(String value) {
    return ProviderRequest.encode(value);
  }
}
