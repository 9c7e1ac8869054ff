package dev.paykit.port.in;

import dev.paykit.domain.PaykitException;

/** No dispute with that id is known here. */
public final class DisputeNotFoundException extends PaykitException {
  private static final long serialVersionUID = 1L;

  public DisputeNotFoundException(String id) {
    super("dispute_not_found", "dispute:" + id, 404, "no dispute " + id);
  }
}
