package dev.paykit.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaConstructorCall;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import dev.paykit.domain.payment.HistoryEntry;
import dev.paykit.domain.payment.Payment;
import dev.paykit.domain.payment.PaymentId;
import dev.paykit.domain.payment.TransitionResult;
import dev.paykit.domain.refund.Refund;
import dev.paykit.port.out.IdempotencyStore;
import dev.paykit.port.out.PaymentStore;
import dev.paykit.port.out.RefundStore;

/**
 * The services implement the use cases with the domain and the SPI, and nothing else: no adapter,
 * no framework, no logging of their own (they report to the observer port), and no collaborator
 * they build themselves. Each rule is proven able to fail by {@link CoreArchitectureRulesTest}.
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

  /**
   * A service receives its collaborators (the other services, the idempotency protocol, the
   * optimistic writer) by injection: one that built its own with {@code new} would hide them from a
   * container and from tests. {@code PaykitCore} is the hand-written injector and the one class
   * that builds them.
   */
  @ArchTest
  static final ArchRule services_receive_their_collaborators_by_injection =
      noClasses()
          .that()
          .resideInAnyPackage("dev.paykit.service..")
          .and()
          .doNotHaveFullyQualifiedName("dev.paykit.service.PaykitCore")
          .should()
          .callConstructorWhere(buildsAnInjectedClass());

  private static DescribedPredicate<JavaConstructorCall> buildsAnInjectedClass() {
    return new DescribedPredicate<>("the constructed class is one that is injected") {
      @Override
      public boolean test(JavaConstructorCall call) {
        JavaClass built = call.getTargetOwner();
        return !built.equals(call.getOriginOwner())
            && built.getConstructors().stream()
                .anyMatch(constructor -> constructor.isAnnotatedWith("jakarta.inject.Inject"));
      }
    };
  }

  @ArchTest
  static final ArchRule only_the_idempotency_protocol_touches_the_keys =
      noClasses()
          .that()
          .resideInAnyPackage("dev.paykit.service..")
          .and()
          .haveNameNotMatching("dev\\.paykit\\.service\\.KeyedRequests(\\$.*)?")
          .should()
          .accessClassesThat()
          .areAssignableTo(IdempotencyStore.class)
          .because("one protocol reserves, decides, completes and releases keys: KeyedRequests");

  @ArchTest
  static final ArchRule only_the_optimistic_writer_updates_payments_and_refunds =
      noClasses()
          .that()
          .resideInAnyPackage("dev.paykit.service..")
          .and()
          .haveNameNotMatching("dev\\.paykit\\.service\\.OptimisticWriter(\\$.*)?")
          .should()
          .callMethod(PaymentStore.class, "update", Payment.class, long.class)
          .orShould()
          .callMethod(PaymentStore.class, "countRepeat", PaymentId.class, HistoryEntry.class)
          .orShould()
          .callMethod(PaymentStore.class, "write", TransitionResult.class, long.class)
          .orShould()
          .callMethod(RefundStore.class, "update", Refund.class, long.class)
          .because("one optimistic writer re-reads and re-applies on a conflict: OptimisticWriter");
}
