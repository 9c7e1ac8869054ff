package dev.paykit.domain.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import dev.paykit.domain.architecture.fixtures.Violations;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A rule that cannot fail protects nothing: each rule of {@link DomainArchitectureTest} is run
 * against a class that breaks it, and all of them against a class that breaks none.
 */
class DomainArchitectureRulesTest {

  private static final ArchRule ONLY_JAVA =
      DomainArchitectureTest.domain_depends_only_on_java_and_itself;
  private static final ArchRule NO_OUTER_LAYERS =
      DomainArchitectureTest.domain_does_not_depend_on_ports_adapters_or_the_app;
  private static final ArchRule NO_CLOCK = DomainArchitectureTest.domain_does_not_read_the_clock;
  private static final ArchRule NO_THREADS = DomainArchitectureTest.domain_does_not_start_threads;
  private static final ArchRule NO_IO = DomainArchitectureTest.domain_does_no_io;

  /** Imported once: importing is slow, and one rule run shows what it finds in every fixture. */
  private static final JavaClasses FIXTURES =
      new ClassFileImporter().importClasses(Violations.class.getDeclaredClasses());

  private static final Map<ArchRule, List<String>> FINDINGS = new ConcurrentHashMap<>();

  private static List<String> findings(ArchRule rule) {
    return FINDINGS.computeIfAbsent(
        rule, r -> r.evaluate(FIXTURES).getFailureReport().getDetails());
  }

  /** Whether a finding is about {@code fixture} itself, not about a class whose name it starts. */
  private static boolean isAbout(String finding, Class<?> fixture) {
    return Pattern.compile(Pattern.quote(fixture.getName()) + "[.>]").matcher(finding).find();
  }

  static Stream<Arguments> violations() {
    return Stream.of(
        Arguments.of("only java", ONLY_JAVA, Violations.UsesALibrary.class),
        Arguments.of("only java", ONLY_JAVA, Violations.UsesAPort.class),
        Arguments.of("no outer layers", NO_OUTER_LAYERS, Violations.UsesAPort.class),
        Arguments.of("no outer layers", NO_OUTER_LAYERS, Violations.UsesAnAdapter.class),
        Arguments.of("no outer layers", NO_OUTER_LAYERS, Violations.UsesTheApp.class),
        Arguments.of("no clock", NO_CLOCK, Violations.CallsInstantNow.class),
        Arguments.of("no clock", NO_CLOCK, Violations.ReferencesInstantNow.class),
        Arguments.of("no clock", NO_CLOCK, Violations.CallsLocalDateTimeNow.class),
        Arguments.of("no clock", NO_CLOCK, Violations.CallsCurrentTimeMillis.class),
        Arguments.of("no clock", NO_CLOCK, Violations.HoldsAClock.class),
        Arguments.of("no threads", NO_THREADS, Violations.StartsAThread.class),
        Arguments.of("no threads", NO_THREADS, Violations.UsesAnExecutor.class),
        Arguments.of("no threads", NO_THREADS, Violations.RunsAsync.class),
        Arguments.of("no threads", NO_THREADS, Violations.UsesAParallelStream.class),
        Arguments.of("no io", NO_IO, Violations.ReadsAFile.class),
        Arguments.of("no io", NO_IO, Violations.UsesNioFiles.class),
        Arguments.of("no io", NO_IO, Violations.OpensASocket.class),
        Arguments.of("no io", NO_IO, Violations.OpensAUrl.class),
        Arguments.of("no io", NO_IO, Violations.SendsHttp.class),
        Arguments.of("no io", NO_IO, Violations.PrintsToStdout.class));
  }

  @ParameterizedTest(name = "{0} fails on {2}")
  @MethodSource("violations")
  void each_rule_fails_on_a_class_that_breaks_it(String name, ArchRule rule, Class<?> fixture) {
    assertThat(findings(rule))
        .as("%s on %s", name, fixture.getSimpleName())
        .anySatisfy(finding -> assertThat(isAbout(finding, fixture)).isTrue());
  }

  static Stream<ArchRule> rules() {
    return List.of(ONLY_JAVA, NO_OUTER_LAYERS, NO_CLOCK, NO_THREADS, NO_IO).stream();
  }

  @ParameterizedTest
  @MethodSource("rules")
  void no_rule_fails_on_what_the_domain_may_use(ArchRule rule) {
    assertThat(findings(rule))
        .isNotEmpty()
        .noneMatch(finding -> isAbout(finding, Violations.Clean.class));
  }
}
