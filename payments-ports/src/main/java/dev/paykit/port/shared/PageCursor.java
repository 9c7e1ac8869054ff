package dev.paykit.port.shared;

import dev.paykit.domain.ValidationException;
import dev.paykit.domain.payment.PaymentId;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;

/**
 * Where a page of payments ends: listings are ordered newest first by {@code (createdAt, id)}, and
 * the next page starts strictly after this position. Opaque to callers; every store reads it alike.
 */
public record PageCursor(Instant createdAt, PaymentId id) {

  public String encode() {
    String raw = createdAt.getEpochSecond() + ":" + createdAt.getNano() + ":" + id.value();
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(raw.getBytes(StandardCharsets.UTF_8));
  }

  public static PageCursor decode(String cursor) {
    try {
      String raw = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
      String[] parts = raw.split(":", 3);
      return new PageCursor(
          Instant.ofEpochSecond(Long.parseLong(parts[0]), Long.parseLong(parts[1])),
          new PaymentId(parts[2]));
    } catch (RuntimeException e) {
      throw new ValidationException("cursor", "malformed", "is not a cursor this service issued");
    }
  }
}
