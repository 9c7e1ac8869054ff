package dev.paykit.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

@AnalyzeClasses(packages = "dev.paykit", importOptions = ProductionClassesOnly.class)
class PortsArchitectureTest {

  @ArchTest
  static final ArchRule ports_depend_only_on_the_domain_java_and_jakarta_inject =
      classes()
          .that()
          .resideInAnyPackage("dev.paykit.port..", "dev.paykit.service..")
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
          .resideInAnyPackage("dev.paykit.port..", "dev.paykit.service..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage("dev.paykit.adapter..", "dev.paykit.app..", "dev.paykit.sandbox..");

  @ArchTest
  static final ArchRule use_cases_do_not_depend_on_their_implementations =
      noClasses()
          .that()
          .resideInAnyPackage("dev.paykit.port..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage("dev.paykit.service..");

  @ArchTest
  static final ArchRule the_core_does_no_logging_of_its_own =
      noClasses()
          .that()
          .resideInAnyPackage("dev.paykit.port..", "dev.paykit.service..")
          .should()
          .dependOnClassesThat()
          .haveFullyQualifiedName("java.lang.System")
          .orShould()
          .dependOnClassesThat()
          .resideInAnyPackage("java.util.logging..", "java.lang.System$Logger");
}
