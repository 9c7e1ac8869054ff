package dev.paykit.domain.payment;

import dev.paykit.domain.Require;
import dev.paykit.domain.ValidationException;
import dev.paykit.domain.idempotency.RequestFingerprint;
import dev.paykit.domain.money.AmountLimits;
import dev.paykit.domain.money.Money;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What the merchant asks to be paid, validated. Its {@link #fingerprint()} is what an idempotency
 * key is bound to: the same key with a different request is a conflict.
 */
public record PaymentRequest(
    ExternalId externalId,
    Money amount,
    String description,
    Metadata metadata,
    ReturnUrls returnUrls,
    Duration expiresIn,
    Charging charging) {

  public static final Duration DEFAULT_EXPIRY = Duration.ofMinutes(15);
  public static final Duration MIN_EXPIRY = Duration.ofMinutes(1);
  public static final Duration MAX_EXPIRY = Duration.ofDays(1);

  public PaymentRequest {
    Require.present("externalId", externalId);
    Require.present("amount", amount);
    if (description != null) {
      Require.text("description", description, 0, 255);
    }
    metadata = metadata == null ? Metadata.empty() : metadata;
    Require.present("returnUrls", returnUrls);
    expiresIn = expiresIn == null ? DEFAULT_EXPIRY : expiresIn;
    charging = charging == null ? Charging.CHECKOUT : charging;
    if (expiresIn.compareTo(MIN_EXPIRY) < 0 || expiresIn.compareTo(MAX_EXPIRY) > 0) {
      throw new ValidationException(
          "expiresInSeconds",
          "out_of_range",
          "must be between "
              + MIN_EXPIRY.toSeconds()
              + " and "
              + MAX_EXPIRY.toSeconds()
              + ", was "
              + expiresIn.toSeconds());
    }
  }

  /** A request charged through the plain checkout of v1. */
  public PaymentRequest(
      ExternalId externalId,
      Money amount,
      String description,
      Metadata metadata,
      ReturnUrls returnUrls,
      Duration expiresIn) {
    this(externalId, amount, description, metadata, returnUrls, expiresIn, Charging.CHECKOUT);
  }

  /** This request charged as {@code charging} says. */
  public PaymentRequest chargedBy(Charging charging) {
    return new PaymentRequest(
        externalId, amount, description, metadata, returnUrls, expiresIn, charging);
  }

  /** Checks the amount against the configured limits, naming {@code amount.value} on failure. */
  public PaymentRequest withinLimits(AmountLimits limits) {
    limits.check("amount.value", amount);
    return this;
  }

  public Optional<String> descriptionText() {
    return Optional.ofNullable(description);
  }

  public RequestFingerprint fingerprint() {
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("externalId", externalId.value());
    fields.put("amount.value", Long.toString(amount.minorUnits()));
    fields.put("amount.currency", amount.currencyCode());
    fields.put("description", description);
    metadata.entries().forEach((key, value) -> fields.put("metadata." + key, value));
    fields.put("successUrl", returnUrls.successUrl().toString());
    fields.put("cancelUrl", returnUrls.cancelUrl().toString());
    fields.put("expiresInSeconds", Long.toString(expiresIn.toSeconds()));
    // A plain checkout adds nothing, so fingerprints stored before v1.1 still match.
    if (charging instanceof Charging.CheckoutSavingMethod saving) {
      fields.put("customerId", saving.customer().value());
      fields.put("savePaymentMethod", "true");
    } else if (charging instanceof Charging.OffSession off) {
      fields.put("customerId", off.customer().value());
      fields.put("paymentMethodId", off.method().value());
      fields.put("offSession", "true");
    }
    return RequestFingerprint.of(fields);
  }
}
