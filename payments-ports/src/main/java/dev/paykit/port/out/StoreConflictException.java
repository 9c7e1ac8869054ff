package dev.paykit.port.out;

import dev.paykit.domain.PaykitException;
import java.util.Locale;

/**
 * A store refused a write because a uniqueness rule held: the database's constraint, not an
 * application check, is what guarantees it across app instances.
 */
public final class StoreConflictException extends PaykitException {
  private static final long serialVersionUID = 1L;

  public enum Kind {
    /** The order already has a payment that is active or succeeded. */
    ACTIVE_PAYMENT_FOR_ORDER,
    /** The id is taken. */
    DUPLICATE_ID,
    /** A payment or refund with this idempotency key exists already. */
    DUPLICATE_IDEMPOTENCY_KEY
  }

  private final Kind kind;

  public StoreConflictException(Kind kind, String message) {
    this(kind, message, null);
  }

  public StoreConflictException(Kind kind, String message, Throwable cause) {
    super("store_conflict", kind.name().toLowerCase(Locale.ROOT), 409, message, cause);
    this.kind = kind;
  }

  public Kind kind() {
    return kind;
  }
}
