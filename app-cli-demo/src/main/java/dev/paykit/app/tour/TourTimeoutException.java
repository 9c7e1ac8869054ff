package dev.paykit.app.tour;

/** Something a flow waited for did not happen in time; the flow fails with this message. */
public final class TourTimeoutException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public TourTimeoutException(String message) {
    super(message);
  }
}
