package dev.paykit.sandbox;

import java.net.URI;
import java.time.Instant;
import java.util.Map;

/**
 * A snapshot of a payment as the sandbox holds it. {@code failure} is set only with {@code
 * cancelled}; {@code description} may be {@code null}. {@code successUrl}, {@code cancelUrl} and
 * {@code checkoutUrl} are {@code null} for an off-session payment; {@code paymentMethod} is the
 * method an off-session payment charged, or the one a confirmed checkout saved, else {@code null}.
 */
public record SandboxPayment(
    String transactionId,
    PaymentStatus status,
    SandboxAmount amount,
    String externalId,
    String description,
    Map<String, String> metadata,
    URI successUrl,
    URI cancelUrl,
    URI checkoutUrl,
    Failure failure,
    Instant createdAt,
    Instant updatedAt,
    Instant expiresAt,
    String idempotencyKey,
    String customerId,
    boolean savePaymentMethod,
    boolean offSession,
    SandboxPaymentMethod paymentMethod) {

  public SandboxPayment {
    metadata = Map.copyOf(metadata);
  }

  /**
   * Why a payment was cancelled: reason {@code declined}, {@code customer_cancelled} or {@code
   * fraud_suspected}; {@code declineCode} only with {@code declined}, else {@code null}.
   */
  public record Failure(String reason, String declineCode) {}
}
