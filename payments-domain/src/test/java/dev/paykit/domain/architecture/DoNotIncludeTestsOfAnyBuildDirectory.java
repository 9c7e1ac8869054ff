package dev.paykit.domain.architecture;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;
import java.util.regex.Pattern;

/**
 * {@link ImportOption.DoNotIncludeTests} knows Maven's tests only under {@code target/}; the build
 * may run with another output directory ({@code -Dpaykit.buildDir=target-domain}), whose test
 * classes would then be analysed as if they were domain code.
 */
public final class DoNotIncludeTestsOfAnyBuildDirectory implements ImportOption {
  private static final Pattern TEST_CLASSES = Pattern.compile(".*/test-classes/.*");

  @Override
  public boolean includes(Location location) {
    return !location.matches(TEST_CLASSES);
  }
}
