package dev.paykit.port.shared;

import dev.paykit.domain.ValidationException;
import dev.paykit.domain.payment.ExternalId;
import dev.paykit.domain.payment.PaymentState;
import java.time.Instant;
import java.util.Optional;

/**
 * A filter over payments, every criterion optional, with cursor pagination newest first. {@code
 * createdFrom} is inclusive and {@code createdTo} exclusive.
 */
public record PaymentQuery(
    ExternalId externalId,
    PaymentState state,
    Instant createdFrom,
    Instant createdTo,
    int limit,
    PageCursor after) {

  public static final int DEFAULT_LIMIT = 20;
  public static final int MAX_LIMIT = 100;

  public PaymentQuery {
    if (limit < 1 || limit > MAX_LIMIT) {
      throw new ValidationException(
          "limit", "out_of_range", "must be between 1 and " + MAX_LIMIT + ", was " + limit);
    }
    if (createdFrom != null && createdTo != null && !createdFrom.isBefore(createdTo)) {
      throw new ValidationException("createdTo", "out_of_range", "must be after createdFrom");
    }
  }

  public static PaymentQuery all() {
    return new PaymentQuery(null, null, null, null, DEFAULT_LIMIT, null);
  }

  public PaymentQuery withExternalId(ExternalId value) {
    return new PaymentQuery(value, state, createdFrom, createdTo, limit, after);
  }

  public PaymentQuery withState(PaymentState value) {
    return new PaymentQuery(externalId, value, createdFrom, createdTo, limit, after);
  }

  public PaymentQuery createdBetween(Instant from, Instant to) {
    return new PaymentQuery(externalId, state, from, to, limit, after);
  }

  public PaymentQuery withLimit(int value) {
    return new PaymentQuery(externalId, state, createdFrom, createdTo, value, after);
  }

  public PaymentQuery after(PageCursor value) {
    return new PaymentQuery(externalId, state, createdFrom, createdTo, limit, value);
  }

  public Optional<PageCursor> cursor() {
    return Optional.ofNullable(after);
  }
}
