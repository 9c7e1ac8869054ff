package dev.paykit.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The services implement the use cases with the domain and the SPI, and nothing else: no adapter,
 * no framework, no logging of their own (they report to the observer port). Each rule is proven
 * able to fail by {@link CoreArchitectureRulesTest}.
 */
@AnalyzeClasses(packages = "dev.paykit.service", importOptions = ProductionClassesOnly.class)
class CoreArchitectureTest {

  @ArchTest
  static final ArchRule services_depend_only_on_the_ports_the_domain_java_and_jakarta_inject =
      classes()
          .that()
          .resideInAnyPackage("dev.paykit.service..")
          .should()
          .onlyDependOnClassesThat()
          .resideInAnyPackage(
              "java..",
              "dev.paykit.domain..",
              "dev.paykit.port..",
              "dev.paykit.service..",
              "jakarta.inject..");

  @ArchTest
  static final ArchRule services_never_touch_an_adapter_or_the_app =
      noClasses()
          .that()
          .resideInAnyPackage("dev.paykit.service..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              "dev.paykit.adapter..",
              "dev.paykit.inbound..",
              "dev.paykit.guice..",
              "dev.paykit.app..",
              "dev.paykit.sandbox..");

  @ArchTest
  static final ArchRule services_do_no_logging_of_their_own =
      noClasses()
          .that()
          .resideInAnyPackage("dev.paykit.service..")
          .should()
          .dependOnClassesThat()
          .haveFullyQualifiedName("java.lang.System")
          .orShould()
          .dependOnClassesThat()
          .resideInAnyPackage("java.util.logging..", "java.lang.System$Logger");
}
