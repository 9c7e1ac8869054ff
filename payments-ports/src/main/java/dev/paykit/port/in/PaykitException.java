package dev.paykit.port.in;

/**
 * The base of the errors a use case raises for an expected situation the caller must handle. {@link
 * #code()} is stable and machine-readable; the message is for developers, never customers.
 */
public abstract class PaykitException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  protected PaykitException(String message) {
    super(message);
  }

  public abstract String code();
}
