package dev.paykit.sandbox;

import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.function.Consumer;

/**
 * Runs the sandbox provider standalone until the process is stopped (SIGTERM or Ctrl-C):
 *
 * <pre>
 * PAYKIT_SANDBOX_CLIENT_SECRET=... PAYKIT_SANDBOX_WEBHOOK_SECRET=whsec_... \
 *   java -jar provider-sandbox/target/paykit-sandbox.jar [--port 8089] [--help]
 * </pre>
 *
 * <p>Every setting is a flag or a {@code PAYKIT_SANDBOX_*} variable ({@link SandboxSetting}; {@code
 * --help} lists them). When the server listens, one line {@code Paykit sandbox listening on
 * http://HOST:PORT ...} is printed, for scripts to wait for. Secrets are never printed.
 *
 * <p>Exit status: 0 after {@code --help}, 2 for a bad or missing setting, 1 if the server cannot
 * listen; when stopped by a signal, the JVM's (143 for SIGTERM, 130 for Ctrl-C).
 */
public final class SandboxMain {

  static final String STOPPED = "Paykit sandbox stopped";

  private SandboxMain() {}

  public static void main(String[] args) throws InterruptedException {
    CountDownLatch stopped = new CountDownLatch(1);
    Optional<SandboxProvider> started;
    try {
      started =
          launch(
              args,
              System.getenv(),
              System.out,
              sandbox ->
                  Runtime.getRuntime()
                      .addShutdownHook(
                          new Thread(
                              () -> {
                                sandbox.close();
                                System.out.println(STOPPED);
                                System.out.flush();
                                stopped.countDown();
                              },
                              "paykit-sandbox-shutdown")));
    } catch (SandboxSettingException e) {
      System.err.println("paykit-sandbox: " + e.getMessage());
      System.exit(2);
      return;
    } catch (UncheckedIOException e) {
      System.err.println("paykit-sandbox: cannot listen: " + e.getCause().getMessage());
      System.exit(1);
      return;
    }
    if (started.isPresent()) {
      // The server's threads are daemons: this thread keeps the process alive until a signal.
      stopped.await();
    }
  }

  /**
   * Reads the flags and {@code env}; for {@code --help} prints the usage to {@code out} and returns
   * empty, else starts the sandbox, hands it to {@code beforeReady} and prints the line saying
   * where it listens.
   *
   * @throws SandboxSettingException for a bad or missing setting
   * @throws UncheckedIOException if the server cannot listen
   */
  static Optional<SandboxProvider> launch(
      String[] args,
      Map<String, String> env,
      PrintStream out,
      Consumer<SandboxProvider> beforeReady) {
    return SandboxCommandLine.parse(args, env).run(out, beforeReady);
  }
}
