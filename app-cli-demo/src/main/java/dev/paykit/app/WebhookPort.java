package dev.paykit.app;

/**
 * The loopback port the demo's webhook receiver listens on: a fixed one, so that a provider started
 * apart can be told where to send webhooks ({@code http://127.0.0.1:PORT/webhooks}), or {@link
 * #ANY_FREE}, a free port picked when the receiver starts.
 */
public record WebhookPort(int value) {
  public static final WebhookPort ANY_FREE = new WebhookPort(0);

  public WebhookPort {
    if (value < 0 || value > 65535) {
      throw new IllegalArgumentException("a port is from 0 (any free one) to 65535: " + value);
    }
  }

  /**
   * A fixed port, as given on the command line or in the environment.
   *
   * @param source the flag or the variable the text came from, named in the error
   * @throws DemoSettingException unless the text is a whole number from 1 to 65535
   */
  public static WebhookPort parse(String text, String source) {
    int port;
    try {
      port = Integer.parseInt(text.strip());
    } catch (NumberFormatException e) {
      port = -1;
    }
    if (port < 1 || port > 65535) {
      throw new DemoSettingException(source, "must be a port number from 1 to 65535");
    }
    return new WebhookPort(port);
  }
}
