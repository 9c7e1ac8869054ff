package dev.paykit.domain.idempotency;

import dev.paykit.domain.Require;
import dev.paykit.domain.ValidationException;
import java.nio.charset.StandardCharsets;

/**
 * The key that makes a create or refund safe to repeat: 1–255 printable ASCII characters, sent to
 * the provider unchanged on every retry. Derive it from the caller's own identifiers with {@link
 * #derive}, never from randomness inside a retry loop.
 */
public record IdempotencyKey(String value) {
  public static final int MAX_LENGTH = 255;

  public IdempotencyKey {
    Require.printableAscii("idempotencyKey", value, 1, MAX_LENGTH);
    if (!value.equals(value.strip())) {
      throw new ValidationException(
          "idempotencyKey", "surrounding_whitespace", "must not start or end with a space");
    }
  }

  public static IdempotencyKey of(String value) {
    return new IdempotencyKey(value);
  }

  /**
   * A key that is the same for the same parts, for example {@code derive("user-7", "order-8812",
   * "attempt-1")}: a retry after a crash computes the same key again, and a new attempt (a new
   * part) gets a new one. The parts are hashed, so the key reveals none of them.
   */
  public static IdempotencyKey derive(String... parts) {
    if (parts == null || parts.length == 0) {
      throw new ValidationException("parts", "required", "at least one part is required");
    }
    for (int i = 0; i < parts.length; i++) {
      Require.text("parts[" + i + "]", parts[i], 1, 1000);
    }
    return new IdempotencyKey(
        "pk_" + Sha256.hex(Canonical.encode(parts).getBytes(StandardCharsets.UTF_8)));
  }
}
