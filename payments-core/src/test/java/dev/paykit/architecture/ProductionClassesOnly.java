package dev.paykit.architecture;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;

/**
 * ArchUnit's own {@code DoNotIncludeTests} recognises {@code target/test-classes} only; builds that
 * move the output directory (parallel builds in one work tree do) would have tests analysed too.
 */
public final class ProductionClassesOnly implements ImportOption {
  @Override
  public boolean includes(Location location) {
    return !location.contains("/test-classes/");
  }
}
