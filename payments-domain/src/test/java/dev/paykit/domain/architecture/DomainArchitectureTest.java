package dev.paykit.domain.architecture;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.assignableTo;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.belongToAnyOf;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaAccess;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import java.io.Externalizable;
import java.io.IOException;
import java.io.InvalidObjectException;
import java.io.NotSerializableException;
import java.io.ObjectInputStream;
import java.io.ObjectInputValidation;
import java.io.ObjectOutputStream;
import java.io.ObjectStreamException;
import java.io.ObjectStreamField;
import java.io.Serial;
import java.io.Serializable;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.InstantSource;
import java.util.Set;
import java.util.Timer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;

/**
 * The domain is pure: {@code java.*} only, nothing from the outer layers, no clock, no threads, no
 * I/O. {@link DomainArchitectureRulesTest} proves that each rule fails on a class that breaks it.
 */
@AnalyzeClasses(
    packages = "dev.paykit.domain",
    importOptions = {
      ImportOption.DoNotIncludeTests.class,
      DoNotIncludeTestsOfAnyBuildDirectory.class
    })
public class DomainArchitectureTest {

  private static final String DOMAIN = "dev.paykit.domain..";

  @ArchTest
  public static final ArchRule domain_depends_only_on_java_and_itself =
      classes()
          .that()
          .resideInAPackage(DOMAIN)
          .should()
          .onlyDependOnClassesThat()
          .resideInAnyPackage("java..", DOMAIN)
          .because("the domain is plain Java that every adapter and framework can use");

  @ArchTest
  public static final ArchRule domain_does_not_depend_on_ports_adapters_or_the_app =
      noClasses()
          .that()
          .resideInAPackage(DOMAIN)
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage("dev.paykit.port..", "dev.paykit.adapter..", "dev.paykit.app..")
          .because("dependencies point down only");

  @ArchTest
  public static final ArchRule domain_does_not_read_the_clock =
      noClasses()
          .that()
          .resideInAPackage(DOMAIN)
          .should()
          .accessTargetWhere(readsTheClock())
          .orShould()
          .dependOnClassesThat()
          .areAssignableTo(InstantSource.class) // Clock is an InstantSource
          .because("time comes in as an argument, so that rules are repeatable in tests");

  @ArchTest
  public static final ArchRule domain_does_not_start_threads =
      noClasses()
          .that()
          .resideInAPackage(DOMAIN)
          .should()
          .dependOnClassesThat(
              assignableTo(Thread.class)
                  .or(assignableTo(Executor.class))
                  .or(assignableTo(ThreadFactory.class))
                  .or(assignableTo(Timer.class))
                  .or(belongToAnyOf(Executors.class, CompletableFuture.class)))
          .orShould()
          .accessTargetWhere(runsInParallel())
          .because("every rule is a pure function of its arguments");

  @ArchTest
  public static final ArchRule domain_does_no_io =
      noClasses()
          .that()
          .resideInAPackage(DOMAIN)
          .should()
          .dependOnClassesThat(
              resideInAPackage("java.io..")
                  .and(not(serializationTypes()))
                  .or(
                      resideInAPackage("java.net..")
                          .and(not(belongToAnyOf(URI.class, URISyntaxException.class))))
                  .or(resideInAPackage("java.nio.file.."))
                  .or(resideInAPackage("java.nio.channels..")))
          .because("storage, HTTP and files belong to adapters");

  /**
   * What a serializable class may need of {@code java.io}: the marker interfaces, the {@code
   * readObject}/{@code writeObject} hooks and the exceptions they declare.
   */
  private static DescribedPredicate<JavaClass> serializationTypes() {
    return belongToAnyOf(
            Serializable.class,
            Externalizable.class,
            Serial.class,
            ObjectStreamException.class,
            InvalidObjectException.class,
            NotSerializableException.class,
            ObjectStreamField.class,
            ObjectInputValidation.class,
            ObjectInputStream.class,
            ObjectOutputStream.class,
            IOException.class)
        .as("Serializable-related");
  }

  /** Calls and method references alike: {@code Instant::now} reads the clock too. */
  private static DescribedPredicate<JavaAccess<?>> readsTheClock() {
    return new DescribedPredicate<>("reads the clock") {
      @Override
      public boolean test(JavaAccess<?> access) {
        String owner = access.getTarget().getOwner().getName();
        String name = access.getTarget().getName();
        boolean timeNow = owner.startsWith("java.time.") && name.equals("now");
        boolean systemTime =
            owner.equals("java.lang.System")
                && Set.of("currentTimeMillis", "nanoTime").contains(name);
        return timeNow || systemTime;
      }
    };
  }

  private static DescribedPredicate<JavaAccess<?>> runsInParallel() {
    return new DescribedPredicate<>("runs code on other threads") {
      @Override
      public boolean test(JavaAccess<?> access) {
        String name = access.getTarget().getName();
        return access.getTarget().getOwner().getPackageName().startsWith("java.util")
            && Set.of("parallelStream", "parallel").contains(name);
      }
    };
  }
}
