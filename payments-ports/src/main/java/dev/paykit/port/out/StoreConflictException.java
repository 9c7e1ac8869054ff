package dev.paykit.port.out;

/**
 * A store refused a write because a uniqueness rule held: the database's constraint, not an
 * application check, is what guarantees it across app instances.
 */
public final class StoreConflictException extends RuntimeException {
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
    super(message);
    this.kind = kind;
  }

  public StoreConflictException(Kind kind, String message, Throwable cause) {
    super(message, cause);
    this.kind = kind;
  }

  public Kind kind() {
    return kind;
  }
}
