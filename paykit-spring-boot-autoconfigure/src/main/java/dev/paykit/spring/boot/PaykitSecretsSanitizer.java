package dev.paykit.spring.boot;

import java.util.Locale;
import org.springframework.boot.actuate.endpoint.SanitizableData;
import org.springframework.boot.actuate.endpoint.SanitizingFunction;

/**
 * Masks Paykit's secrets in {@code /actuator/env} and {@code /actuator/configprops}, also where an
 * application shows values ({@code show-values: always}): every key of Paykit's ({@code paykit.*},
 * {@code PAYKIT_*}, a config tree's {@code paykit/...} files) that names a secret, in whichever
 * spelling the property source has it.
 */
public final class PaykitSecretsSanitizer implements SanitizingFunction {

  @Override
  public SanitizableData apply(SanitizableData data) {
    String key = data.getKey().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
    if (key.startsWith("paykit") && key.contains("secret")) {
      return data.withValue(SanitizableData.SANITIZED_VALUE);
    }
    return data;
  }
}
