package dev.paykit.inbound.webhook;

import dev.paykit.port.shared.WebhookHeaders;
import java.util.Objects;

/**
 * The endpoint's first half, the part that reads from the network: the request was refused before
 * or while its body was read, or its body is here whole. The JDK binding bounds the time of this
 * half and lets the second half ({@link WebhookEndpoint#process}) run to its end.
 */
sealed interface BodyRead {

  /** Refused without handing anything to Paykit; the body may not have been read to its end. */
  record Refused(WebhookAnswer answer) implements BodyRead {
    public Refused {
      Objects.requireNonNull(answer, "answer");
    }
  }

  /** The whole body, within the limit, and the headers it came with. */
  record Complete(byte[] body, WebhookHeaders headers) implements BodyRead {
    public Complete {
      Objects.requireNonNull(body, "body");
      Objects.requireNonNull(headers, "headers");
    }
  }
}
