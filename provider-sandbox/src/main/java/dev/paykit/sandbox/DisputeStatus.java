package dev.paykit.sandbox;

/** A dispute's status in the reference API: {@code won} and {@code lost} are terminal. */
public enum DisputeStatus {
  NEEDS_RESPONSE("needs_response"),
  UNDER_REVIEW("under_review"),
  WON("won"),
  LOST("lost");

  private final String wireName;

  DisputeStatus(String wireName) {
    this.wireName = wireName;
  }

  public String wireName() {
    return wireName;
  }

  public boolean isTerminal() {
    return this == WON || this == LOST;
  }
}
