package dev.paykit.spring.boot;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Spring Boot's start-up report for a missing or invalid {@code paykit.*} property. */
public final class InvalidPaykitPropertyFailureAnalyzer
    extends AbstractFailureAnalyzer<InvalidPaykitPropertyException> {

  @Override
  protected FailureAnalysis analyze(Throwable rootFailure, InvalidPaykitPropertyException cause) {
    return new FailureAnalysis(
        "Paykit's setting " + cause.property() + " " + cause.problem() + ".",
        "Set "
            + cause.property()
            + " (environment variable "
            + cause.environmentVariable()
            + "). Secrets (paykit.provider.client.secret, paykit.webhooks.secrets) belong in the"
            + " environment or a config tree, not in application properties.",
        cause);
  }
}
