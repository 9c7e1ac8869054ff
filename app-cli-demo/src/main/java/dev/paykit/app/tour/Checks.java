package dev.paykit.app.tour;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** The checks of one flow, in the order they were made. */
public final class Checks {
  private final List<Check> made = new ArrayList<>();

  /** Records whether {@code condition} held; {@code observed} says what was seen. */
  public boolean that(String name, boolean condition, String observed) {
    made.add(new Check(name, condition, observed));
    return condition;
  }

  /** Records whether {@code actual} equals {@code expected}. */
  public boolean equal(String name, Object expected, Object actual) {
    boolean same = Objects.equals(expected, actual);
    return that(
        name, same, same ? String.valueOf(actual) : "expected " + expected + ", was " + actual);
  }

  public List<Check> all() {
    return List.copyOf(made);
  }
}
