package dev.paykit.port.in;

import dev.paykit.domain.refund.Refund;
import dev.paykit.port.shared.ProviderError;

/** What became of a refund request; every variant carries the refund as stored. */
public sealed interface RefundResult {
  Refund refund();

  /** The provider took it ({@code PENDING} or already {@code SUCCEEDED}). */
  record Accepted(Refund refund) implements RefundResult {}

  /** No definitive answer yet; the same key or a later update finishes it. */
  record Pending(Refund refund) implements RefundResult {}

  /** The same key and request were seen before. */
  record Replayed(Refund refund) implements RefundResult {}

  /** The provider refused it; the refund is {@code FAILED}. */
  record Rejected(Refund refund, ProviderError error) implements RefundResult {}
}
