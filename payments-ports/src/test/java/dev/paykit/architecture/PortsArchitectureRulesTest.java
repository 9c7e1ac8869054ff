package dev.paykit.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import dev.paykit.port.fixtures.Clean;
import dev.paykit.port.fixtures.Logs;
import dev.paykit.port.fixtures.UsesALibrary;
import dev.paykit.port.fixtures.UsesAnAdapter;
import dev.paykit.port.fixtures.UsesTheCore;
import dev.paykit.port.in.fixtures.AUseCase;
import dev.paykit.port.in.fixtures.UsesTheSpi;
import dev.paykit.port.out.fixtures.AnSpi;
import dev.paykit.port.out.fixtures.UsesAUseCase;
import dev.paykit.port.shared.fixtures.ASharedType;
import dev.paykit.port.shared.fixtures.UsesBothSides;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A rule that cannot fail protects nothing: each rule of {@link PortsArchitectureTest} is run
 * against a fixture class that breaks it, and against the fixtures that break none. The fixtures
 * live in the test sources, in the packages the rules govern, which the real rules never import.
 */
class PortsArchitectureRulesTest {
  private static final ArchRule ONLY_DOMAIN =
      PortsArchitectureTest.ports_depend_only_on_the_domain_java_and_jakarta_inject;
  private static final ArchRule NO_OUTER_LAYERS =
      PortsArchitectureTest.ports_never_touch_the_core_an_adapter_or_the_app;
  private static final ArchRule IN_NOT_OUT =
      PortsArchitectureTest.use_cases_do_not_depend_on_the_spi;
  private static final ArchRule OUT_NOT_IN =
      PortsArchitectureTest.the_spi_does_not_depend_on_the_use_cases;
  private static final ArchRule SHARED_ALONE =
      PortsArchitectureTest.shared_types_depend_on_neither_side;
  private static final ArchRule NO_LOGGING = PortsArchitectureTest.ports_do_no_logging;

  private static final List<Class<?>> CLEAN =
      List.of(Clean.class, AUseCase.class, AnSpi.class, ASharedType.class);

  private static final JavaClasses FIXTURES =
      new ClassFileImporter()
          .importClasses(
              Clean.class,
              Logs.class,
              UsesALibrary.class,
              UsesAnAdapter.class,
              UsesTheCore.class,
              AUseCase.class,
              UsesTheSpi.class,
              AnSpi.class,
              UsesAUseCase.class,
              ASharedType.class,
              UsesBothSides.class);

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
        Arguments.of("only the domain", ONLY_DOMAIN, UsesALibrary.class),
        Arguments.of("only the domain", ONLY_DOMAIN, UsesTheCore.class),
        Arguments.of("no outer layers", NO_OUTER_LAYERS, UsesTheCore.class),
        Arguments.of("no outer layers", NO_OUTER_LAYERS, UsesAnAdapter.class),
        Arguments.of("port.in not on port.out", IN_NOT_OUT, UsesTheSpi.class),
        Arguments.of("port.out not on port.in", OUT_NOT_IN, UsesAUseCase.class),
        Arguments.of("shared on neither side", SHARED_ALONE, UsesBothSides.class),
        Arguments.of("no logging", NO_LOGGING, Logs.class));
  }

  @ParameterizedTest(name = "{0} fails on {2}")
  @MethodSource("violations")
  void each_rule_fails_on_a_class_that_breaks_it(String name, ArchRule rule, Class<?> fixture) {
    assertThat(findings(rule))
        .as("%s on %s", name, fixture.getSimpleName())
        .anySatisfy(finding -> assertThat(isAbout(finding, fixture)).isTrue());
  }

  static Stream<ArchRule> rules() {
    return Stream.of(
        ONLY_DOMAIN, NO_OUTER_LAYERS, IN_NOT_OUT, OUT_NOT_IN, SHARED_ALONE, NO_LOGGING);
  }

  @ParameterizedTest
  @MethodSource("rules")
  void no_rule_fails_on_what_a_port_may_use(ArchRule rule) {
    assertThat(findings(rule))
        .isNotEmpty()
        .noneMatch(finding -> CLEAN.stream().anyMatch(clean -> isAbout(finding, clean)));
  }
}
