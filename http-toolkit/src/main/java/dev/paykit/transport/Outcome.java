package dev.paykit.transport;

import java.net.http.HttpHeaders;
import java.util.Optional;

/**
 * What a {@link ProviderExchange} came to, which the gateway maps to a {@code ProviderResult}. The
 * distinction that decides what happens to money is kept: {@link NotActed} (the provider certainly
 * did not act: {@code Unavailable}) against {@link MayHaveActed} (it may have: {@code Unknown},
 * resolved later by asking the provider), and {@link Answered}, an answer to read.
 */
public sealed interface Outcome {

  /** How many times the request was sent (a repeat after a refused token not counted). */
  int attempts();

  /**
   * The provider answered, and the answer is final: any 2xx, and whatever {@link RetryAdvice}
   * decided not to retry (most 4xx). The body is the gateway's to read; {@link #toString()} shows
   * only its length.
   *
   * @param requestId the provider's id for the request, from the exchange's request-id header, or
   *     null
   */
  record Answered(int status, HttpHeaders headers, byte[] body, String requestId, int attempts)
      implements Outcome {

    /** Whether the status is 2xx. */
    public boolean successful() {
      return status >= 200 && status < 300;
    }

    /** The first value of header {@code name}, case-insensitive. */
    public Optional<String> header(String name) {
      return headers.firstValue(name);
    }

    @Override
    public String toString() {
      return "Answered[status="
          + status
          + ", requestId="
          + requestId
          + ", body="
          + body.length
          + " bytes, attempts="
          + attempts
          + "]";
    }
  }

  /**
   * Every attempt failed before the provider could act: no connection, a token that could not be
   * had, or an answer that says it did not act (429, and 5xx by default) through every retry.
   *
   * @param status the last answer's status, 0 when the last attempt got none
   * @param code a bounded label for the last failure ({@code connection_failed}, {@code
   *     rate_limited}, {@code http_503})
   * @param requestId the last answer's request id, or null
   * @param detail for a person: the last failure and why retrying stopped, never a body or secret
   */
  record NotActed(int status, String code, String requestId, int attempts, String detail)
      implements Outcome {}

  /**
   * At least one attempt may have reached the provider without its answer coming back (a timeout or
   * a connection lost after sending, an interruption, or an answer that {@link RetryAdvice} said
   * may follow an action), and no later attempt settled it.
   *
   * @param status the last answer's status, 0 when the last attempt got none
   * @param code a bounded label for the last failure
   * @param requestId the last answer's request id, or null
   * @param detail for a person: the last failure and why retrying stopped, never a body or secret
   */
  record MayHaveActed(int status, String code, String requestId, int attempts, String detail)
      implements Outcome {}

  /**
   * The {@link Credentials} were refused ({@link CredentialsException} not transient): the request
   * was never sent, and no later one will do better until the configuration is fixed.
   *
   * @param status the token endpoint's status
   * @param code its error code, or {@code http_<status>}
   * @param requestId its request id, or null
   * @param detail for a person, never a secret
   */
  record CredentialsRefused(int status, String code, String requestId, int attempts, String detail)
      implements Outcome {}
}
