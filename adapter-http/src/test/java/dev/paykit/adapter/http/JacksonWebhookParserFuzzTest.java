package dev.paykit.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.DictionaryFile;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.paykit.domain.webhook.WebhookEvent;
import dev.paykit.port.out.MalformedWebhookException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * {@link JacksonWebhookParser} on any body: an event or a {@link MalformedWebhookException}, within
 * the time bound; an event only from well-formed UTF-8, so that storing the body as text keeps
 * exactly the signed bytes, and only with ids in the id alphabet. Seeds: real event bodies in
 * {@code JacksonWebhookParserFuzzTestInputs}.
 */
class JacksonWebhookParserFuzzTest {
  private static final String ID = "[A-Za-z0-9][A-Za-z0-9_.:-]{0,254}";

  private final JacksonWebhookParser parser = new JacksonWebhookParser();

  @FuzzTest
  @DictionaryFile(resourcePath = "provider-json.dict")
  void gives_an_event_from_utf8_or_a_typed_error(byte[] body) {
    Optional<WebhookEvent> event = FuzzTime.bounded(() -> parse(body));
    event.ifPresent(read -> check(body, read));
  }

  private Optional<WebhookEvent> parse(byte[] body) {
    try {
      return Optional.of(parser.parse(body));
    } catch (MalformedWebhookException e) {
      assertThat(e.getMessage().chars().noneMatch(Character::isISOControl)).isTrue();
      return Optional.empty();
    }
  }

  private static void check(byte[] body, WebhookEvent event) {
    // A lenient decoding turns every malformed sequence into U+FFFD: only well-formed UTF-8 comes
    // back as the same bytes.
    assertThat(new String(body, StandardCharsets.UTF_8).getBytes(StandardCharsets.UTF_8))
        .as("an event is read only from well-formed UTF-8")
        .isEqualTo(body);
    assertThat(event.id().value()).matches(ID);
    if (event instanceof WebhookEvent.PaymentStatusChanged changed) {
      assertThat(changed.payment().transactionId().value()).matches(ID);
    } else if (event instanceof WebhookEvent.RefundStatusChanged changed) {
      assertThat(changed.refund().refundId()).matches(ID);
      assertThat(changed.refund().transactionId().value()).matches(ID);
    } else {
      assertThat(((WebhookEvent.Unmodelled) event).type()).matches(ID).hasSizeLessThan(101);
    }
  }
}
