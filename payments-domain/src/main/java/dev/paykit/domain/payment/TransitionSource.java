package dev.paykit.domain.payment;

/** Who said a payment moved: the audit trail keeps it with every entry. */
public enum TransitionSource {
  /** Paykit itself, before the provider answered (created, submitted with unknown outcome). */
  LOCAL,
  /** The provider's answer to the create call. */
  PROVIDER_RESPONSE,
  /** A verified webhook. */
  WEBHOOK,
  /** A status look-up: verification after a redirect, or reconciliation. */
  LOOKUP
}
