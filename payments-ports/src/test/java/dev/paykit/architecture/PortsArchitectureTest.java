package dev.paykit.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The ports are contracts only: the use cases the outside calls ({@code port.in}), the SPI the
 * adapters implement ({@code port.out}) and the types both sides share ({@code port.shared}). Each
 * rule is proven able to fail by {@link PortsArchitectureRulesTest}.
 */
@AnalyzeClasses(packages = "dev.paykit.port", importOptions = ProductionClassesOnly.class)
class PortsArchitectureTest {

  @ArchTest
  static final ArchRule ports_depend_only_on_the_domain_java_and_jakarta_inject =
      classes()
          .that()
          .resideInAnyPackage("dev.paykit.port..")
          .should()
          .onlyDependOnClassesThat()
          .resideInAnyPackage(
              "java..", "dev.paykit.domain..", "dev.paykit.port..", "jakarta.inject..");

  @ArchTest
  static final ArchRule ports_never_touch_the_core_an_adapter_or_the_app =
      noClasses()
          .that()
          .resideInAnyPackage("dev.paykit.port..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              "dev.paykit.service..",
              "dev.paykit.adapter..",
              "dev.paykit.inbound..",
              "dev.paykit.app..",
              "dev.paykit.sandbox..");

  @ArchTest
  static final ArchRule use_cases_do_not_depend_on_the_spi =
      noClasses()
          .that()
          .resideInAnyPackage("dev.paykit.port.in..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage("dev.paykit.port.out..");

  @ArchTest
  static final ArchRule the_spi_does_not_depend_on_the_use_cases =
      noClasses()
          .that()
          .resideInAnyPackage("dev.paykit.port.out..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage("dev.paykit.port.in..");

  @ArchTest
  static final ArchRule shared_types_depend_on_neither_side =
      noClasses()
          .that()
          .resideInAnyPackage("dev.paykit.port.shared..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage("dev.paykit.port.in..", "dev.paykit.port.out..");

  @ArchTest
  static final ArchRule ports_do_no_logging =
      noClasses()
          .that()
          .resideInAnyPackage("dev.paykit.port..")
          .should()
          .dependOnClassesThat()
          .haveFullyQualifiedName("java.lang.System")
          .orShould()
          .dependOnClassesThat()
          .resideInAnyPackage("java.util.logging..", "java.lang.System$Logger");
}
