package dev.paykit.service;

import dev.paykit.domain.payment.ProviderName;
import dev.paykit.domain.webhook.WebhookEvent;
import dev.paykit.port.in.ReceiveWebhook;
import dev.paykit.port.in.WebhookReceipt;
import dev.paykit.port.out.MalformedWebhookException;
import dev.paykit.port.out.PaykitEvent;
import dev.paykit.port.out.PaykitObserver;
import dev.paykit.port.out.ProviderGateways;
import dev.paykit.port.out.WebhookInbox;
import dev.paykit.port.shared.InboxEvent;
import dev.paykit.port.shared.Utf8;
import dev.paykit.port.shared.WebhookHeaders;
import dev.paykit.port.shared.WebhookVerification;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * Receives a webhook: verify the signature over the raw bytes, parse, store in the inbox by event
 * id, acknowledge. Applying the event happens later, from the inbox, so the provider's delivery is
 * acknowledged quickly and a slow or failing application never makes it redeliver. A genuine event
 * of a type Paykit does not model is acknowledged as {@link WebhookReceipt.Ignored} and not stored;
 * a body that is not UTF-8 is refused, so that what is stored is exactly what was signed. The
 * event's id is the one in the body, as the parser read it; a signature scheme that also signs an
 * id beside the body ({@link WebhookVerification.Verified#signedEventId()}) must name the same one.
 * Each provider's webhooks are verified and read by that provider's own verifier and parser, and
 * stored under its name: two providers' event ids never collide.
 */
public final class ReceiveWebhookService implements ReceiveWebhook {
  private final ProviderGateways providers;
  private final WebhookInbox inbox;
  private final PaykitObserver observer;
  private final Clock clock;

  @Inject
  public ReceiveWebhookService(
      ProviderGateways providers, WebhookInbox inbox, PaykitObserver observer, Clock clock) {
    this.providers = providers;
    this.inbox = inbox;
    this.observer = observer;
    this.clock = clock;
  }

  @Override
  public WebhookReceipt receive(ProviderName name, byte[] rawBody, WebhookHeaders headers) {
    ProviderGateways.Provider provider = providers.get(name);
    Instant now = clock.instant();
    WebhookVerification verification = provider.verifier().verify(rawBody, headers);
    if (verification instanceof WebhookVerification.Rejected rejected) {
      observer.on(
          new PaykitEvent.WebhookRejected(now, rejected.reason().name(), rejected.detail()));
      return new WebhookReceipt.Rejected(rejected.reason(), rejected.detail());
    }
    WebhookVerification.Verified verified = (WebhookVerification.Verified) verification;
    // A lenient decoding would turn each malformed sequence into U+FFFD, and the stored payload
    // would no longer be the bytes that were signed.
    Optional<String> payload = Utf8.strictly(rawBody);
    if (payload.isEmpty()) {
      String detail = "the signed body is not well-formed UTF-8";
      observer.on(new PaykitEvent.WebhookRejected(now, "MALFORMED_BODY", detail));
      return new WebhookReceipt.Rejected(null, detail);
    }
    WebhookEvent event;
    try {
      event = provider.parser().parse(rawBody);
    } catch (MalformedWebhookException e) {
      observer.on(new PaykitEvent.WebhookRejected(now, "MALFORMED_BODY", e.getMessage()));
      return new WebhookReceipt.Rejected(
          null, "the signed body is not a readable event: " + e.getMessage());
    }
    // Only a scheme that signs an id beside the body has one to check; otherwise the id is in the
    // signed body.
    if (verified.signedEventId().filter(signed -> !signed.equals(event.id())).isPresent()) {
      String detail = "body event id differs from the event id the signature covers";
      observer.on(new PaykitEvent.WebhookRejected(now, "MALFORMED_BODY", detail));
      return new WebhookReceipt.Rejected(null, detail);
    }
    if (event instanceof WebhookEvent.Unmodelled unmodelled) {
      observer.on(new PaykitEvent.WebhookIgnored(now, event.id(), unmodelled.type()));
      return new WebhookReceipt.Ignored(event.id(), unmodelled.type());
    }
    String type = WebhookTypes.of(event);
    if (inbox.insert(InboxEvent.received(name, event.id(), type, payload.get(), now))) {
      observer.on(new PaykitEvent.WebhookAccepted(now, event.id(), type));
      return new WebhookReceipt.Accepted(event.id());
    }
    observer.on(new PaykitEvent.WebhookDuplicate(now, event.id()));
    return new WebhookReceipt.Duplicate(event.id());
  }
}
