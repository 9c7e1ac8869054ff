package dev.paykit.sandbox;

import java.time.Instant;

/** A snapshot of a refund; {@code reason} may be {@code null}. */
public record SandboxRefund(
    String refundId,
    String transactionId,
    RefundStatus status,
    SandboxAmount amount,
    String reason,
    Instant createdAt,
    String idempotencyKey) {}
