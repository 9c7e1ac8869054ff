package dev.paykit.sandbox;

import java.io.PrintStream;
import java.net.URI;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * Runs the sandbox provider standalone until the process is stopped.
 *
 * <pre>
 * PAYKIT_SANDBOX_CLIENT_SECRET=... PAYKIT_SANDBOX_WEBHOOK_SECRET=whsec_... \
 *   java -cp ... dev.paykit.sandbox.SandboxMain [--port 8089] [--host 127.0.0.1]
 * </pre>
 *
 * <p>Secrets come from the environment only and are never printed: {@code
 * PAYKIT_SANDBOX_CLIENT_SECRET} and {@code PAYKIT_SANDBOX_WEBHOOK_SECRET} (required), {@code
 * PAYKIT_SANDBOX_CLIENT_ID} and {@code PAYKIT_SANDBOX_WEBHOOK_URL} (optional).
 */
public final class SandboxMain {

  static final String CLIENT_ID = "PAYKIT_SANDBOX_CLIENT_ID";
  static final String CLIENT_SECRET = "PAYKIT_SANDBOX_CLIENT_SECRET";
  static final String WEBHOOK_SECRET = "PAYKIT_SANDBOX_WEBHOOK_SECRET";
  static final String WEBHOOK_URL = "PAYKIT_SANDBOX_WEBHOOK_URL";

  private SandboxMain() {}

  public static void main(String[] args) throws InterruptedException {
    SandboxProvider sandbox;
    try {
      sandbox = launch(args, System.getenv(), System.out);
    } catch (IllegalArgumentException e) {
      System.err.println("sandbox: " + e.getMessage());
      System.err.println(
          "usage: SandboxMain [--port N] [--host LOOPBACK]   (env: "
              + CLIENT_SECRET
              + ", "
              + WEBHOOK_SECRET
              + " required; "
              + CLIENT_ID
              + ", "
              + WEBHOOK_URL
              + " optional)");
      System.exit(2);
      return;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  sandbox.close();
                  stopped.countDown();
                },
                "paykit-sandbox-shutdown"));
    stopped.await();
  }

  /** Parses the arguments and environment, starts the sandbox and prints where it is. */
  static SandboxProvider launch(String[] args, Map<String, String> env, PrintStream out) {
    SandboxConfig.Builder config = SandboxConfig.builder().port(8089);
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      String value;
      String name;
      if (arg.contains("=")) {
        name = arg.substring(0, arg.indexOf('='));
        value = arg.substring(arg.indexOf('=') + 1);
      } else {
        name = arg;
        if (i + 1 >= args.length) {
          throw new IllegalArgumentException(arg + " needs a value");
        }
        value = args[++i];
      }
      switch (name) {
        case "--port":
          try {
            config.port(Integer.parseInt(value));
          } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--port needs a number");
          }
          break;
        case "--host":
          config.host(value);
          break;
        default:
          throw new IllegalArgumentException("unknown argument " + name);
      }
    }
    String clientSecret = env.get(CLIENT_SECRET);
    String webhookSecret = env.get(WEBHOOK_SECRET);
    if (clientSecret == null || clientSecret.isEmpty()) {
      throw new IllegalArgumentException(CLIENT_SECRET + " is not set");
    }
    if (webhookSecret == null || webhookSecret.isEmpty()) {
      throw new IllegalArgumentException(
          WEBHOOK_SECRET + " is not set (whsec_ followed by base64 of at least 16 bytes)");
    }
    config.clientSecret(SandboxSecret.of(clientSecret));
    config.webhookSecret(SandboxSecret.webhookSecret(webhookSecret));
    String clientId = env.get(CLIENT_ID);
    if (clientId != null && !clientId.isEmpty()) {
      config.clientId(clientId);
    }
    String webhookUrl = env.get(WEBHOOK_URL);
    if (webhookUrl != null && !webhookUrl.isEmpty()) {
      config.webhookUrl(URI.create(webhookUrl));
    }
    SandboxProvider sandbox = SandboxProvider.start(config.build());
    out.println("Paykit sandbox provider listening on " + sandbox.baseUri());
    out.println("  client id:      " + sandbox.clientId());
    out.println("  client secret:  from environment variable " + CLIENT_SECRET + " (not shown)");
    out.println("  webhook secret: from environment variable " + WEBHOOK_SECRET + " (not shown)");
    out.println(
        "  webhook URL:    " + sandbox.webhookUrl().map(URI::toString).orElse("none (not sent)"));
    out.println("  checkout pages: " + sandbox.baseUri() + "/checkout/<transactionId>");
    return sandbox;
  }
}
