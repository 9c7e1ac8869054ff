package dev.paykit.port.in;

/**
 * Use case: find payments that are {@code CREATED} (queued) or {@code SUBMITTED}, or not terminal
 * after a threshold, ask the provider and apply what it says. Covers lost create responses, late
 * webhooks and webhooks that never came.
 */
public interface Reconcile {
  ReconciliationReport reconcile();
}
