package dev.paykit.service;

import dev.paykit.domain.PaykitException;
import dev.paykit.domain.dispute.DisputeId;
import dev.paykit.domain.dispute.DisputeReport;
import dev.paykit.domain.payment.Payment;
import dev.paykit.domain.payment.PaymentId;
import dev.paykit.domain.payment.ProviderName;
import dev.paykit.domain.payment.ProviderPayment;
import dev.paykit.domain.payment.ProviderReport;
import dev.paykit.domain.webhook.EventId;
import dev.paykit.domain.webhook.WebhookEvent;
import dev.paykit.port.in.InboxRunReport;
import dev.paykit.port.in.ProcessInbox;
import dev.paykit.port.in.StopSignal;
import dev.paykit.port.out.DisputeStore;
import dev.paykit.port.out.MalformedWebhookException;
import dev.paykit.port.out.PaykitEvent;
import dev.paykit.port.out.PaykitObserver;
import dev.paykit.port.out.PaymentStore;
import dev.paykit.port.out.ProviderGateways;
import dev.paykit.port.out.RefundStore;
import dev.paykit.port.out.Stores;
import dev.paykit.port.out.WebhookInbox;
import dev.paykit.port.shared.InboxBacklog;
import dev.paykit.port.shared.InboxEvent;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Applies received webhooks from the inbox through the state machine, each in one phase: the
 * payment, refund or dispute it is about is read, the report applied and written, and the event
 * marked processed, all or nothing, so an event is never applied without being marked nor marked
 * without being applied, and a worker whose claim passed to another undoes its writes. An event
 * about a payment or refund not known yet (its create response is still on its way) is retried with
 * exponential backoff; after {@link PaykitSettings#inboxMaxAttempts()} it goes to the dead letters.
 * An event is read by the parser of the provider that sent it, and applies only to what is at that
 * provider: transaction ids are the providers' own, and two providers may use the same one.
 */
public final class ProcessInboxService implements ProcessInbox {
  private final WebhookInbox inbox;
  private final ProviderGateways providers;
  private final PaymentStore payments;
  private final RefundStore refunds;
  private final DisputeStore disputes;
  private final DisputeOpener opener;
  private final OptimisticWriter writer;
  private final PaykitObserver observer;
  private final PaykitSettings settings;
  private final Clock clock;

  @Inject
  ProcessInboxService(
      Stores stores,
      ProviderGateways providers,
      OptimisticWriter writer,
      DisputeOpener opener,
      PaykitObserver observer,
      PaykitSettings settings,
      Clock clock) {
    this.inbox = stores.inbox();
    this.providers = providers;
    this.payments = stores.payments();
    this.refunds = stores.refunds();
    this.disputes = stores.disputes();
    this.opener = opener;
    this.writer = writer;
    this.observer = observer;
    this.settings = settings;
    this.clock = clock;
  }

  @Override
  public InboxRunReport processPending(int maxEvents) {
    return processPending(maxEvents, StopSignal.NEVER);
  }

  @Override
  public InboxRunReport processPending(int maxEvents, StopSignal stop) {
    if (stop.stopRequested()) {
      return new InboxRunReport(0, 0, 0, 0);
    }
    List<InboxEvent> claimed =
        inbox.claim(
            clock.instant(), maxEvents, settings.inboxClaimFor(), settings.inboxMaxAttempts());
    int processed = 0;
    int retried = 0;
    int dead = 0;
    int released = 0;
    boolean stopping = false;
    for (InboxEvent event : claimed) {
      stopping = stopping || stop.stopRequested();
      if (stopping) {
        if (inbox.release(event)) {
          released++;
        }
        continue;
      }
      String error;
      try {
        error =
            apply(
                providers
                    .get(event.provider())
                    .parser()
                    .parse(event.payload().getBytes(StandardCharsets.UTF_8)),
                event);
      } catch (ClaimLost lost) {
        // Another worker took the event over and applies it; this one's writes were undone.
        continue;
      } catch (RuntimeException e) {
        error = describe(e);
      }
      Instant now = clock.instant();
      if (error == null) {
        processed++;
        observer.on(
            new PaykitEvent.WebhookProcessed(
                now, event.id(), Duration.between(event.receivedAt(), now)));
      } else if (event.attempts() >= settings.inboxMaxAttempts()) {
        if (inbox.markDead(event, error, now)) {
          dead++;
          observer.on(
              new PaykitEvent.WebhookDeadLettered(now, event.id(), event.attempts(), error));
        }
      } else if (inbox.markFailed(event, error, now.plus(backoff(event.attempts())))) {
        retried++;
        observer.on(
            new PaykitEvent.WebhookRetryScheduled(now, event.id(), event.attempts(), error));
      }
    }
    return new InboxRunReport(claimed.size(), processed, retried, dead, released);
  }

  /**
   * Applies an event and marks it processed, in one phase; returns null when done, or why it must
   * be tried again (then nothing was written).
   */
  private String apply(WebhookEvent event, InboxEvent claimed) {
    if (event instanceof WebhookEvent.PaymentStatusChanged changed) {
      return applyPayment(changed, claimed);
    }
    if (event instanceof WebhookEvent.RefundStatusChanged changed) {
      return applyRefund(changed, claimed);
    }
    if (event instanceof WebhookEvent.DisputeStatusChanged changed) {
      return applyDispute(changed, claimed);
    }
    if (event instanceof WebhookEvent.Unmodelled) {
      // Not stored on receipt; one stored before its type was known has nothing to apply to.
      markProcessed(claimed);
      return null;
    }
    throw new IllegalArgumentException("an event of no known kind: " + event.getClass());
  }

  /** Thrown inside a phase whose event another worker has claimed since: undoes the phase. */
  private static final class ClaimLost extends RuntimeException {
    ClaimLost() {
      super("the inbox event's claim passed to another worker", null, false, false);
    }
  }

  private void markProcessed(InboxEvent claimed) {
    if (!inbox.markProcessed(claimed, clock.instant())) {
      throw new ClaimLost();
    }
  }

  /**
   * Why applying an event failed, as the inbox keeps it and the log shows it: the exception's type,
   * never its text, which may quote the payload, a bound SQL argument or anything else it saw. A
   * {@link MalformedWebhookException}'s text is the exception: by its contract it names fields and
   * never quotes the body.
   */
  private static String describe(RuntimeException e) {
    if (e instanceof MalformedWebhookException malformed) {
      return malformed.code() + ": " + malformed.getMessage();
    }
    if (e instanceof PaykitException paykit) {
      return paykit.code() + " (" + paykit.subject() + ")";
    }
    return e.getClass().getName();
  }

  private String applyPayment(WebhookEvent.PaymentStatusChanged changed, InboxEvent claimed) {
    ProviderPayment said = changed.payment();
    ProviderReport report = ProviderReport.fromWebhook(said, changed.id().value());
    boolean applied =
        writer
            .payment(
                () ->
                    payments
                        .findByTransactionId(claimed.provider(), said.transactionId())
                        .or(() -> awaitingTransactionId(claimed.provider(), said)),
                current -> Optional.of(current.apply(report, clock.instant())),
                (current, next) -> markProcessed(claimed))
            .isPresent();
    return applied ? null : "no payment known for transaction " + said.transactionId();
  }

  /**
   * The payment whose create response was lost: the only one of its order at the event's provider
   * that is still waiting for a transaction id and has the same amount. With more than one
   * candidate, nothing is guessed.
   */
  private Optional<Payment> awaitingTransactionId(ProviderName provider, ProviderPayment said) {
    List<Payment> candidates =
        payments.findByExternalId(said.externalId()).stream()
            .filter(p -> p.provider().equals(provider))
            .filter(Payment::awaitsProvider)
            .filter(p -> p.request().amount().equals(said.amount()))
            .toList();
    return candidates.size() == 1 ? Optional.of(candidates.get(0)) : Optional.empty();
  }

  private String applyRefund(WebhookEvent.RefundStatusChanged changed, InboxEvent claimed) {
    boolean applied =
        writer
            .refund(
                () ->
                    refunds
                        .findByProviderRefundId(changed.refund().refundId())
                        .filter(refund -> isAt(claimed.provider(), refund.paymentId())),
                current -> Optional.of(current.apply(changed.refund(), clock.instant())),
                (current, next) -> markProcessed(claimed))
            .isPresent();
    return applied ? null : "no refund known for provider refund " + changed.refund().refundId();
  }

  /**
   * A dispute's report is applied through its lifecycle if the dispute is known, and opens it
   * otherwise; a dispute of a payment not known yet is tried again, then dead-lettered.
   */
  private String applyDispute(WebhookEvent.DisputeStatusChanged changed, InboxEvent claimed) {
    DisputeReport report = DisputeReport.fromWebhook(changed.dispute(), changed.id().value());
    DisputeId id = changed.dispute().disputeId();
    boolean applied =
        writer
            .dispute(
                () -> disputes.findById(id).filter(d -> isAt(claimed.provider(), d.paymentId())),
                current -> Optional.of(current.apply(report, clock.instant())),
                (current, next) -> markProcessed(claimed))
            .isPresent();
    if (applied
        || opener.open(claimed.provider(), report, () -> markProcessed(claimed)).isPresent()) {
      return null;
    }
    return "no payment known for transaction " + changed.dispute().transactionId();
  }

  /**
   * Whether the payment {@code id} is at {@code provider}: a refund or dispute id another provider
   * also uses must not take this provider's event.
   */
  private boolean isAt(ProviderName provider, PaymentId id) {
    return payments.findById(id).map(p -> p.provider().equals(provider)).orElse(false);
  }

  private Duration backoff(int attempts) {
    Duration delay = settings.inboxRetryBase();
    for (int i = 1; i < attempts && delay.compareTo(settings.inboxRetryMax()) < 0; i++) {
      delay = delay.multipliedBy(2);
    }
    return delay.compareTo(settings.inboxRetryMax()) > 0 ? settings.inboxRetryMax() : delay;
  }

  @Override
  public List<InboxEvent> deadLetters(int limit) {
    return inbox.deadLetters(limit);
  }

  @Override
  public boolean replayDeadLetter(ProviderName provider, EventId id) {
    return inbox.replay(provider, id, clock.instant());
  }

  @Override
  public InboxBacklog backlog() {
    return inbox.backlog(clock.instant());
  }
}
