package dev.paykit.spring.boot;

import java.util.Optional;

/** Whether Paykit can talk to its provider now: for the health indicator. */
@FunctionalInterface
public interface ProviderCheck {
  /** What is wrong, in a few words that hold no secret; empty when all is well. */
  Optional<String> problem();
}
