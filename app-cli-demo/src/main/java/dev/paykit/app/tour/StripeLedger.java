package dev.paykit.app.tour;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.paykit.stripefake.FakeStripe;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * What the fake Stripe really did, read from its own records: the intents it created, for which
 * idempotency key (each {@code payment_intent.created} event names its request's key, as on
 * Stripe), and the events it sent about each intent.
 */
public final class StripeLedger {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String CREATED = "payment_intent.created";

  /** One event the fake sent: its id, its type, and the intent it is about (or empty). */
  public record Event(String id, String type, String intent, String idempotencyKey) {}

  private final FakeStripe stripe;

  public StripeLedger(FakeStripe stripe) {
    this.stripe = Objects.requireNonNull(stripe, "stripe");
  }

  /** Every event, in the order it happened. */
  public List<Event> events() {
    return stripe.events().stream().map(StripeLedger::read).toList();
  }

  /** The events about the intent {@code transactionId}, oldest first. */
  public List<Event> eventsAbout(String transactionId) {
    return events().stream().filter(e -> transactionId.equals(e.intent())).toList();
  }

  /** How many intents the fake created with the idempotency key {@code key}. */
  public int paymentsFor(String key) {
    return (int)
        events().stream()
            .filter(e -> e.type().equals(CREATED) && key.equals(e.idempotencyKey()))
            .count();
  }

  /** The intents created, by the key they were created with. */
  public Map<String, Long> paymentsByKey() {
    return events().stream()
        .filter(e -> e.type().equals(CREATED))
        .collect(Collectors.groupingBy(Event::idempotencyKey, Collectors.counting()));
  }

  public int paymentsCreated() {
    return stripe.paymentIntents().size();
  }

  private static Event read(FakeStripe.SignedEvent event) {
    JsonNode body;
    try {
      body = JSON.readTree(event.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    JsonNode object = body.path("data").path("object");
    Function<JsonNode, String> text = n -> n.isTextual() ? n.asText() : "";
    String intent =
        event.type().startsWith("payment_intent.")
            ? text.apply(object.path("id"))
            : text.apply(object.path("payment_intent"));
    return new Event(
        event.id(), event.type(), intent, text.apply(body.path("request").path("idempotency_key")));
  }
}
