package dev.paykit.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code --webhook-port}: the receiver's port, fixed so that a provider can be told the URL. */
class WebhookPortTest {
  @TempDir Path data;

  @Test
  void the_port_comes_from_the_flag_then_the_variable_and_is_any_free_one_without_either()
      throws Exception {
    Map<String, String> env = Map.of("PAYKIT_DEMO_WEBHOOK_PORT", "28002");

    assertThat(resolve(env, "--webhook-port", "28001").webhookPort())
        .isEqualTo(new WebhookPort(28001));
    assertThat(resolve(env).webhookPort()).isEqualTo(new WebhookPort(28002));
    assertThat(resolve(Map.of()).webhookPort()).isEqualTo(WebhookPort.ANY_FREE);
    assertThat(resolve(Map.of("PAYKIT_DEMO_WEBHOOK_PORT", " ")).webhookPort())
        .isEqualTo(WebhookPort.ANY_FREE);
  }

  @Test
  void a_port_that_is_not_one_is_a_typed_error_naming_the_flag_or_the_variable() {
    for (String bad : new String[] {"0", "65536", "-1", "http", "80 80", ""}) {
      assertThatThrownBy(() -> resolve(Map.of(), "--webhook-port", bad))
          .as(bad)
          .isInstanceOfSatisfying(
              DemoSettingException.class,
              e -> {
                assertThat(e.code()).isEqualTo("invalid_setting");
                assertThat(e.subject()).isEqualTo("--webhook-port");
              })
          .hasMessage("--webhook-port: must be a port number from 1 to 65535");
    }
    assertThatThrownBy(() -> resolve(Map.of("PAYKIT_DEMO_WEBHOOK_PORT", "99999")))
        .isInstanceOfSatisfying(
            DemoSettingException.class,
            e -> assertThat(e.subject()).isEqualTo("PAYKIT_DEMO_WEBHOOK_PORT"));
  }

  @Test
  void a_bad_port_is_a_usage_error_of_both_commands_and_nothing_starts() {
    DemoRun tour = DemoRun.of(Map.of(), "tour", "--webhook-port", "70000", "--store", "memory");
    DemoRun serve =
        DemoRun.of(Map.of("PAYKIT_DEMO_WEBHOOK_PORT", "none"), "serve", "--store", "memory");

    assertThat(tour.exitCode()).isEqualTo(2);
    assertThat(tour.err())
        .contains("paykit-demo: --webhook-port: must be a port number from 1 to 65535");
    assertThat(tour.out()).doesNotContain("Paykit tour");
    assertThat(serve.exitCode()).isEqualTo(2);
    assertThat(serve.err()).contains("paykit-demo: PAYKIT_DEMO_WEBHOOK_PORT: must be a port");
    assertThat(serve.out()).doesNotContain("Paykit demo server");
  }

  @Test
  void the_sandbox_sends_its_webhooks_to_the_receiver_on_the_fixed_port() throws Exception {
    int port = FreePorts.pick();

    DemoRun run = successFlowOn(port);

    assertThat(run.exitCode()).as(run.toString()).isZero();
    assertThat(run.out()).contains("webhooks     http://127.0.0.1:" + port + "/webhooks\n");
    assertThat(run.summaryResult("success")).isEqualTo("PASSED");
  }

  @Test
  void a_port_that_is_taken_ends_the_run_saying_where_it_could_not_listen() throws Exception {
    int port = FreePorts.pick();
    try (ServerSocket taken = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
      DemoRun run = successFlowOn(port);

      assertThat(run.exitCode()).isEqualTo(1);
      assertThat(run.err()).contains("cannot listen on").contains(":" + port);
    }
  }

  private DemoRun successFlowOn(int port) {
    return DemoRun.of(
        Map.of(),
        "tour",
        "--flow",
        "success",
        "--webhook-port",
        Integer.toString(port),
        "--store",
        "memory",
        "--data-dir",
        data.toString());
  }

  private static DemoConfig resolve(Map<String, String> env, String... args) throws Exception {
    DemoOptions options = new DemoOptions();
    new CommandLine(options).parseArgs(args);
    return DemoConfig.resolve(options, env);
  }
}
