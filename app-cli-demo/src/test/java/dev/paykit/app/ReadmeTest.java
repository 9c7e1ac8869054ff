package dev.paykit.app;

import static java.util.stream.Collectors.joining;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import dev.paykit.adapter.http.ProviderHttpSettings;
import dev.paykit.adapter.jdbc.JdbcSettings;
import dev.paykit.app.tour.Flow;
import dev.paykit.app.tour.FlowCatalog;
import dev.paykit.app.tour.TourSettings;
import dev.paykit.domain.PaykitException;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Keeps the README true: its commands are run by CI or by a named test, its code is compiled by a
 * test, and its reference tables name every flow, variable, flag and meter there is.
 */
class ReadmeTest {
  private static final Path ROOT = Path.of("..");

  /** Commands of the README that no CI step runs as written, and the test that runs them. */
  private static final Map<String, String> RUN_BY_TESTS =
      Map.of(
          "java -jar app-cli-demo/target/paykit-demo.jar serve",
          "ServeCommandTest",
          "mvn -B -q package -pl app-cli-demo -am -Dtest=CheckoutBrowserTest"
              + " -Dsurefire.failIfNoSpecifiedTests=false -Dpaykit.updateDocs=true",
          "server/CheckoutBrowserTest");

  /** The tests whose code the README shows: each compiles and runs its lines. */
  private static final List<String> EXAMPLES =
      List.of(
          "app-cli-demo/src/test/java/dev/paykit/app/EmbeddingExamplesTest.java",
          "app-cli-demo/src/test/java/dev/paykit/app/OutboxExamplesTest.java",
          "adapter-inmemory/src/test/java/dev/paykit/adapter/inmemory/InMemoryPaymentStoreTest.java",
          "payments-core/src/test/java/dev/paykit/core/flows/SeveralProvidersExamplesTest.java",
          "adapter-jdbc/src/test/java/dev/paykit/adapter/jdbc/JdbcExamplesTest.java",
          "inbound-http/src/test/java/dev/paykit/inbound/webhook/MountingExamplesTest.java",
          "inbound-http/src/test/java/dev/paykit/inbound/worker/WorkerExamplesTest.java",
          "inbound-http/src/test/java/dev/paykit/inbound/returnpage/ReturnPageExamplesTest.java");

  private final String readme = read("README.md");

  @Test
  void every_command_is_run_by_ci_or_by_a_test() {
    String ci = read(".ci/run");
    List<String> commands = lines(blocks("sh"));

    assertThat(commands).contains("mvn -B verify");
    assertThat(commands.get(0))
        .isEqualTo(
            "mvn -B -q package -DskipTests && java -jar app-cli-demo/target/paykit-demo.jar");
    for (String command : commands) {
      if (RUN_BY_TESTS.containsKey(command)) {
        assertThat(Files.exists(testSource(RUN_BY_TESTS.get(command)))).as(command).isTrue();
      } else {
        assertThat(ci).as("CI runs: " + command).contains(command);
      }
    }
  }

  @Test
  void every_java_example_is_code_a_test_compiles() {
    String compiled =
        EXAMPLES.stream().map(ReadmeTest::read).map(ReadmeTest::squeeze).collect(joining());
    List<String> examples = blocks("java");

    assertThat(examples).hasSizeGreaterThanOrEqualTo(3);
    examples.forEach(example -> assertThat(compiled).as(example).contains(squeeze(example)));
  }

  @Test
  void every_flow_is_described() {
    for (Flow flow : FlowCatalog.standard().apply(TourSettings.standard())) {
      assertThat(readme).as(flow.name()).contains("| `" + flow.name() + "` |");
    }
  }

  @Test
  void every_setting_from_the_environment_is_in_the_reference() throws IllegalAccessException {
    for (Class<?> settings : List.of(ProviderHttpSettings.class, JdbcSettings.class)) {
      for (Field field : settings.getFields()) {
        if (Modifier.isStatic(field.getModifiers()) && field.getType() == String.class) {
          String variable = (String) field.get(null);
          if (variable.startsWith("PAYKIT_")) {
            assertThat(readme).as(variable).contains("`" + variable + "`");
          }
        }
      }
    }
    assertThat(readme)
        .contains("`PAYKIT_DEMO_STORE`", "`PAYKIT_DEMO_DATA_DIR`", "`PAYKIT_SECRETS_FILE`");
  }

  @Test
  void every_flag_is_in_the_reference() {
    CommandLine cli =
        new CommandLine(new PaykitDemo())
            .addSubcommand(
                "tour", new TourCommand(Map.of(), System.out, System.err, s -> List.of()))
            .addSubcommand("serve", new ServeCommand(Map.of(), System.out, System.err));
    for (CommandLine command : cli.getSubcommands().values()) {
      for (OptionSpec option : command.getCommandSpec().options()) {
        if (!option.usageHelp() && !option.versionHelp()) {
          assertThat(readme).as(option.longestName()).contains("`" + option.longestName());
        }
      }
    }
  }

  @Test
  void every_meter_is_in_the_reference() {
    String observer =
        read(
            "adapter-observability/src/main/java/dev/paykit/adapter/observability/"
                + "MicrometerPaykitObserver.java");
    Matcher meter = Pattern.compile("\"(paykit\\.[a-z_.]+)\"").matcher(observer);
    int found = 0;
    while (meter.find()) {
      found++;
      assertThat(readme).as(meter.group(1)).contains("`" + meter.group(1) + "`");
    }
    assertThat(found).isGreaterThan(10);
  }

  @Test
  void every_error_is_in_the_table_of_codes() {
    JavaClasses classes =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.paykit");
    List<String> errors =
        classes.stream()
            .filter(c -> c.isAssignableTo(PaykitException.class))
            .filter(c -> !c.getModifiers().contains(JavaModifier.ABSTRACT))
            .map(ReadmeTest::nameInCode)
            .toList();

    assertThat(errors).contains("ValidationException", "JdbcSetupException");
    errors.forEach(error -> assertThat(readme).as(error).contains("| `" + error + "` |"));
  }

  /** A class as code names it: {@code Outer.Inner} for a nested one, else its simple name. */
  private static String nameInCode(JavaClass type) {
    return type.getName().substring(type.getPackageName().length() + 1).replace('$', '.');
  }

  private List<String> blocks(String language) {
    Matcher block =
        Pattern.compile("```" + language + "\\n(.*?)```", Pattern.DOTALL).matcher(readme);
    List<String> found = new ArrayList<>();
    while (block.find()) {
      found.add(block.group(1));
    }
    return found;
  }

  private static List<String> lines(List<String> blocks) {
    List<String> lines = new ArrayList<>();
    blocks.forEach(
        block ->
            block
                .lines()
                .map(String::strip)
                .filter(line -> !line.isEmpty() && !line.startsWith("#"))
                .forEach(lines::add));
    return lines;
  }

  /** The text without any whitespace, so that formatting does not matter. */
  private static String squeeze(String text) {
    return text.replaceAll("\\s+", "");
  }

  private static Path testSource(String testClass) {
    return ROOT.resolve("app-cli-demo/src/test/java/dev/paykit/app/" + testClass + ".java");
  }

  private static String read(String path) {
    try {
      return Files.readString(ROOT.resolve(path));
    } catch (IOException e) {
      throw new AssertionError("cannot read " + path, e);
    }
  }
}
