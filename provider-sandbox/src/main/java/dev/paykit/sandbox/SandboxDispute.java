package dev.paykit.sandbox;

import java.time.Instant;

/** A snapshot of a dispute as the sandbox holds it. */
public record SandboxDispute(
    String disputeId,
    String transactionId,
    SandboxAmount amount,
    String reason,
    DisputeStatus status,
    Instant evidenceDueBy,
    Instant createdAt,
    Instant updatedAt) {}
