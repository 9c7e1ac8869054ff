package dev.paykit.domain.refund;

import dev.paykit.domain.Require;
import java.util.UUID;

/** Paykit's own id of a refund. */
public record RefundId(String value) {
  public RefundId {
    Require.printableAscii("refundId", value, 1, 64);
  }

  public static RefundId random() {
    return new RefundId("ref_" + UUID.randomUUID().toString().replace("-", ""));
  }

  @Override
  public String toString() {
    return value;
  }
}
