package dev.paykit.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import dev.paykit.service.fixtures.CoreViolations;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Each rule of {@link CoreArchitectureTest} fails on a class that breaks it, and on no other. */
class CoreArchitectureRulesTest {
  private static final ArchRule ONLY_PORTS =
      CoreArchitectureTest.services_depend_only_on_the_ports_the_domain_java_and_jakarta_inject;
  private static final ArchRule NO_ADAPTERS =
      CoreArchitectureTest.services_never_touch_an_adapter_or_the_app;
  private static final ArchRule NO_LOGGING =
      CoreArchitectureTest.services_do_no_logging_of_their_own;
  private static final ArchRule INJECTED =
      CoreArchitectureTest.services_receive_their_collaborators_by_injection;

  private static final ArchRule ONE_KEY_PROTOCOL =
      CoreArchitectureTest.only_the_idempotency_protocol_touches_the_keys;
  private static final ArchRule ONE_WRITER =
      CoreArchitectureTest.only_the_optimistic_writer_updates_payments_and_refunds;

  private static final JavaClasses FIXTURES =
      new ClassFileImporter().importClasses(CoreViolations.class.getDeclaredClasses());

  private static final Map<ArchRule, List<String>> FINDINGS = new ConcurrentHashMap<>();

  private static List<String> findings(ArchRule rule) {
    return FINDINGS.computeIfAbsent(
        rule, r -> r.evaluate(FIXTURES).getFailureReport().getDetails());
  }

  /**
   * Whether {@code fixture} is the finding's origin ("Method <fixture.run()> ..."), not its target.
   */
  private static boolean isAbout(String finding, Class<?> fixture) {
    return Pattern.compile("^\\w+ <" + Pattern.quote(fixture.getName()) + "[.>]")
        .matcher(finding)
        .find();
  }

  static Stream<Arguments> violations() {
    return Stream.of(
        Arguments.of("only the ports", ONLY_PORTS, CoreViolations.UsesALibrary.class),
        Arguments.of("only the ports", ONLY_PORTS, CoreViolations.UsesAnAdapter.class),
        Arguments.of("no adapters", NO_ADAPTERS, CoreViolations.UsesAnAdapter.class),
        Arguments.of("no logging", NO_LOGGING, CoreViolations.PrintsToStdout.class),
        Arguments.of("no logging", NO_LOGGING, CoreViolations.UsesJulLogging.class),
        Arguments.of("injected", INJECTED, CoreViolations.BuildsItsCollaborator.class),
        Arguments.of("one key protocol", ONE_KEY_PROTOCOL, CoreViolations.ReleasesAKey.class),
        Arguments.of("one writer", ONE_WRITER, CoreViolations.UpdatesAPayment.class),
        Arguments.of("one writer", ONE_WRITER, CoreViolations.CountsARepeat.class),
        Arguments.of("one writer", ONE_WRITER, CoreViolations.UpdatesARefund.class));
  }

  @ParameterizedTest(name = "{0} fails on {2}")
  @MethodSource("violations")
  void each_rule_fails_on_a_class_that_breaks_it(String name, ArchRule rule, Class<?> fixture) {
    assertThat(findings(rule))
        .as("%s on %s", name, fixture.getSimpleName())
        .anySatisfy(finding -> assertThat(isAbout(finding, fixture)).isTrue());
  }

  static Stream<ArchRule> rules() {
    return Stream.of(ONLY_PORTS, NO_ADAPTERS, NO_LOGGING, INJECTED, ONE_KEY_PROTOCOL, ONE_WRITER);
  }

  @ParameterizedTest
  @MethodSource("rules")
  void no_rule_fails_on_what_a_service_may_use(ArchRule rule) {
    assertThat(findings(rule))
        .isNotEmpty()
        .noneMatch(finding -> isAbout(finding, CoreViolations.Clean.class));
  }
}
