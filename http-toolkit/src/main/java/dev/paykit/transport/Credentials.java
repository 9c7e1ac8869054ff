package dev.paykit.transport;

import dev.paykit.port.out.Secret;
import java.util.Objects;

/**
 * The {@code Authorization} header a {@link ProviderExchange} sends on each attempt. The value is a
 * {@link Secret}, so that it never shows in a log line or an exception by accident; the exchange
 * reveals it only into the header.
 *
 * <p>Implementations are thread-safe: one instance serves every call of a gateway at once.
 */
public interface Credentials {

  /**
   * The header value for the next attempt, such as {@code Bearer <token>}.
   *
   * @throws CredentialsException when none can be had; {@link CredentialsException#isTransient()
   *     transient} failures are retried like any failure that never reached the provider
   */
  Secret authorization() throws CredentialsException;

  /**
   * The provider answered 401 to {@code rejected}. Returns whether a new {@link #authorization()}
   * may be accepted where this one was not, which is worth one repeat of the request; credentials
   * that cannot change (a static API key) return false, and the 401 is the answer.
   */
  boolean refused(Secret rejected);

  /** {@code Authorization: Bearer <apiKey>}, the same on every request (Stripe's secret key). */
  static Credentials bearer(Secret apiKey) {
    Objects.requireNonNull(apiKey, "apiKey");
    if (apiKey.isEmpty()) {
      throw new IllegalArgumentException("apiKey must not be empty");
    }
    Secret header = Secret.of("Bearer " + apiKey.reveal());
    return new Credentials() {
      @Override
      public Secret authorization() {
        return header;
      }

      @Override
      public boolean refused(Secret rejected) {
        return false;
      }

      @Override
      public String toString() {
        return "Credentials.bearer[redacted]";
      }
    };
  }
}
