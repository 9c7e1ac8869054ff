package dev.paykit.adapter.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.paykit.adapter.http.ProviderJson.TextRule;
import dev.paykit.adapter.http.ProviderJson.UnreadableJsonException;
import dev.paykit.domain.ValidationException;
import dev.paykit.domain.webhook.EventId;
import dev.paykit.domain.webhook.WebhookEvent;
import dev.paykit.port.out.MalformedWebhookException;
import dev.paykit.port.out.MalformedWebhookException.Reason;
import dev.paykit.port.out.WebhookParser;
import java.time.Instant;
import java.util.Objects;

/**
 * Reads the reference API's event body, {@code {"id", "type", "createdAt", "data"}}, into a {@link
 * WebhookEvent}: {@code payment.status_changed} carries a payment object, {@code
 * refund.status_changed} a refund object, {@code dispute.status_changed} a dispute object, and any
 * other type is {@link WebhookEvent.Unmodelled}. The body must be UTF-8 JSON; unknown fields are
 * ignored; anything else that is off is a {@link MalformedWebhookException} naming the field, never
 * quoting the body.
 */
public final class JacksonWebhookParser implements WebhookParser {

  private static final String PAYMENT_STATUS_CHANGED = "payment.status_changed";
  private static final String REFUND_STATUS_CHANGED = "refund.status_changed";
  private static final String DISPUTE_STATUS_CHANGED = "dispute.status_changed";

  private final ProviderJson json;

  public JacksonWebhookParser() {
    this(new ProviderJson());
  }

  JacksonWebhookParser(ProviderJson json) {
    this.json = Objects.requireNonNull(json, "json");
  }

  @Override
  public WebhookEvent parse(byte[] rawBody) {
    Objects.requireNonNull(rawBody, "rawBody");
    try {
      JsonNode event = json.readObject(rawBody);
      EventId id = new EventId(ProviderJson.id(event, "id", ""));
      String type = TextRule.EVENT_TYPE.check(ProviderJson.text(event, "type", ""), "type");
      Instant createdAt = ProviderJson.instant(event, "createdAt", "");
      JsonNode data = event.get("data");
      if (PAYMENT_STATUS_CHANGED.equals(type)) {
        return new WebhookEvent.PaymentStatusChanged(id, createdAt, json.payment(data, "data"));
      }
      if (REFUND_STATUS_CHANGED.equals(type)) {
        return new WebhookEvent.RefundStatusChanged(id, createdAt, json.refund(data, "data"));
      }
      if (DISPUTE_STATUS_CHANGED.equals(type)) {
        return new WebhookEvent.DisputeStatusChanged(id, createdAt, json.dispute(data, "data"));
      }
      return new WebhookEvent.Unmodelled(id, createdAt, type);
    } catch (UnreadableJsonException e) {
      throw new MalformedWebhookException(reason(e.stage()), "webhook " + e.getMessage());
    } catch (ValidationException e) {
      throw new MalformedWebhookException("webhook " + e.field() + ": " + e.rule());
    }
  }

  private static Reason reason(UnreadableJsonException.Stage stage) {
    return switch (stage) {
      case ENCODING -> Reason.NOT_UTF8;
      case SYNTAX -> Reason.NOT_PARSEABLE;
      case CONTENT -> Reason.INVALID_EVENT;
    };
  }
}
