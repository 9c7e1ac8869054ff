package dev.paykit.app;

import dev.paykit.domain.PaykitException;

/**
 * A setting of the demo's command line is wrong. {@link #subject()} names where the bad value came
 * from, the flag ({@code --webhook-port}) or the environment variable ({@code
 * PAYKIT_DEMO_WEBHOOK_PORT}); the message says what is wrong without repeating the value.
 */
public final class DemoSettingException extends PaykitException {
  private static final long serialVersionUID = 1L;

  public DemoSettingException(String setting, String problem) {
    super("invalid_setting", setting, 500, setting + ": " + problem);
  }
}
