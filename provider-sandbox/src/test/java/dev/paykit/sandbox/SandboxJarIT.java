package dev.paykit.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The runnable jar as a user runs it: {@code java -jar paykit-sandbox.jar}, a separate process,
 * stopped with SIGTERM. Runs after {@code package}, which builds the jar.
 */
class SandboxJarIT {

  private static final String CLIENT_SECRET = "jar-client-secret-41d0";
  private static final String WEBHOOK_SECRET = SandboxSecret.randomWebhookSecret().reveal();
  private static final Duration STARTUP = Duration.ofSeconds(30);

  private final List<Process> started = new ArrayList<>();

  @TempDir Path output;

  /** A running {@code java -jar}; what it prints goes to two files, read back at any time. */
  private record Run(Process process, Path stdout, Path stderr) {

    String out() {
      return read(stdout);
    }

    String err() {
      return read(stderr);
    }

    private static String read(Path file) {
      try {
        return Files.readString(file, StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    int exit() throws InterruptedException {
      assertThat(process.waitFor(20, TimeUnit.SECONDS)).as("the process ended").isTrue();
      return process.exitValue();
    }
  }

  private static Path jar() {
    Path jar = Path.of(System.getProperty("paykit.sandbox.jar", "target/paykit-sandbox.jar"));
    assertThat(jar).as("the runnable jar built by package").exists();
    return jar;
  }

  /** {@code java -jar paykit-sandbox.jar args...} with exactly these sandbox variables. */
  private static ProcessBuilder processBuilder(Map<String, String> env, String... args) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-jar");
    command.add(jar().toString());
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().keySet().removeIf(name -> name.startsWith("PAYKIT_SANDBOX_"));
    builder.environment().putAll(env);
    return builder;
  }

  private Run java(Map<String, String> env, String... args) {
    Path stdout = output.resolve("stdout-" + started.size());
    Path stderr = output.resolve("stderr-" + started.size());
    try {
      Process process =
          processBuilder(env, args)
              .redirectOutput(stdout.toFile())
              .redirectError(stderr.toFile())
              .start();
      started.add(process);
      return new Run(process, stdout, stderr);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @AfterEach
  void killLeftovers() {
    started.forEach(Process::destroyForcibly);
  }

  @Test
  void the_jar_serves_payments_with_the_given_credentials_and_stops_cleanly_on_sigterm()
      throws Exception {
    Run run =
        java(
            Map.of(
                "PAYKIT_SANDBOX_CLIENT_SECRET", CLIENT_SECRET,
                "PAYKIT_SANDBOX_WEBHOOK_SECRET", WEBHOOK_SECRET,
                "PAYKIT_SANDBOX_CLIENT_ID", "env-shop"),
            "--port",
            "0",
            "--client-id",
            "jar-shop");

    await().atMost(STARTUP).until(() -> SandboxOutput.listeningOn(run.out()).isPresent());
    URI base = SandboxOutput.listeningOn(run.out()).orElseThrow();
    assertThat(base.getHost()).isEqualTo("127.0.0.1");
    assertThat(base.getPort()).isPositive();

    SandboxClient client = new SandboxClient(base, "jar-shop", CLIENT_SECRET);
    HttpResponse<String> created =
        client.createPayment(SandboxClient.paymentBody("order-jar-1", 2500, "EUR"), "key-jar-1");
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    String tx = SandboxClient.json(created).get("transactionId").asText();
    assertThat(SandboxClient.json(client.get("/v1/payments/" + tx)).get("amount").get("value"))
        .hasToString("2500");
    assertThat(
            client
                .requestToken(
                    SandboxClient.basic("env-shop", CLIENT_SECRET), "grant_type=client_credentials")
                .statusCode())
        .as("the flag's client id won over the variable's")
        .isEqualTo(401);

    // SIGTERM, as a service manager or a script stops it.
    run.process.destroy();

    assertThat(run.exit()).as("the JVM's status after SIGTERM").isEqualTo(143);
    assertThat(run.out().lines())
        .containsExactly(
            "Paykit sandbox listening on " + base + " (client id jar-shop, webhooks to nowhere)",
            SandboxMain.STOPPED);
    assertThat(run.out() + run.err())
        .doesNotContain(CLIENT_SECRET)
        .doesNotContain(WEBHOOK_SECRET.substring("whsec_".length()));
  }

  @Test
  void a_sigterm_sent_the_moment_the_ready_line_appears_still_stops_it_cleanly() throws Exception {
    Process process =
        processBuilder(
                Map.of(
                    "PAYKIT_SANDBOX_CLIENT_SECRET", CLIENT_SECRET,
                    "PAYKIT_SANDBOX_WEBHOOK_SECRET", WEBHOOK_SECRET),
                "--port",
                "0")
            .redirectError(ProcessBuilder.Redirect.DISCARD)
            .start();
    started.add(process);
    try (BufferedReader out =
        new BufferedReader(
            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      // As a script does: read the line from the pipe and stop it at once, with no pause.
      assertThat(out.readLine()).startsWith(SandboxCommandLine.LISTENING);
      // The handle, not Process.destroy(), which would also close the pipe being read.
      process.toHandle().destroy();

      assertThat(out.readLine()).isEqualTo(SandboxMain.STOPPED);
      assertThat(process.waitFor(20, TimeUnit.SECONDS)).isTrue();
      assertThat(process.exitValue()).isEqualTo(143);
    }
  }

  @Test
  void a_bad_port_ends_the_jar_with_status_2_and_a_message_naming_the_variable() throws Exception {
    Run run =
        java(
            Map.of(
                "PAYKIT_SANDBOX_CLIENT_SECRET", CLIENT_SECRET,
                "PAYKIT_SANDBOX_WEBHOOK_SECRET", WEBHOOK_SECRET,
                "PAYKIT_SANDBOX_PORT", "http"));

    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err()).startsWith("paykit-sandbox: PAYKIT_SANDBOX_PORT: must be a port number");
    assertThat(run.out()).isEmpty();
    assertThat(run.err()).doesNotContain(CLIENT_SECRET);
  }

  @Test
  void help_lists_the_settings_and_ends_with_status_0() throws Exception {
    Run run = java(Map.of(), "--help");

    assertThat(run.exit()).isZero();
    assertThat(run.out()).contains("--client-secret=SECRET", "PAYKIT_SANDBOX_WEBHOOK_URL");
  }

  @Test
  void the_jar_is_runnable_and_the_module_jar_beside_it_stays_a_plain_library() throws Exception {
    Path jar = jar();
    try (JarFile shaded = new JarFile(jar.toFile())) {
      assertThat(shaded.getManifest().getMainAttributes().getValue("Main-Class"))
          .isEqualTo(SandboxMain.class.getName());
      assertThat(shaded.getEntry("picocli/CommandLine.class")).isNotNull();
    }
    try (var files = Files.list(jar.getParent())) {
      Path library =
          files
              .filter(f -> f.getFileName().toString().matches("paykit-sandbox-[0-9].*[0-9T]\\.jar"))
              .findFirst()
              .orElseThrow();
      try (JarFile plain = new JarFile(library.toFile())) {
        assertThat(plain.getEntry("dev/paykit/sandbox/SandboxProvider.class")).isNotNull();
        assertThat(plain.getEntry("picocli/CommandLine.class")).isNull();
        assertThat(plain.getEntry("com/fasterxml/jackson/databind/ObjectMapper.class")).isNull();
      }
    }
  }
}
