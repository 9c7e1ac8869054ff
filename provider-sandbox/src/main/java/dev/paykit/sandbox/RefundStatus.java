package dev.paykit.sandbox;

/** A refund's status in the reference API. */
public enum RefundStatus {
  PENDING("pending"),
  SUCCEEDED("succeeded"),
  FAILED("failed");

  private final String wireName;

  RefundStatus(String wireName) {
    this.wireName = wireName;
  }

  public String wireName() {
    return wireName;
  }
}
