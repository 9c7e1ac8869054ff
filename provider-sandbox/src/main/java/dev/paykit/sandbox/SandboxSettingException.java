package dev.paykit.sandbox;

import java.util.Objects;

/**
 * A setting of the standalone sandbox that is missing or wrong. {@link #setting()} names where the
 * bad value came from, the flag ({@code --port}) or the environment variable ({@code
 * PAYKIT_SANDBOX_PORT}); the message says what is wrong and never repeats a secret.
 */
public final class SandboxSettingException extends IllegalArgumentException {

  private static final long serialVersionUID = 1L;

  private final String setting;

  SandboxSettingException(String setting, String problem) {
    super(Objects.requireNonNull(setting, "setting") + ": " + problem);
    this.setting = setting;
  }

  /** The flag or environment variable whose value is missing or wrong. */
  public String setting() {
    return setting;
  }
}
