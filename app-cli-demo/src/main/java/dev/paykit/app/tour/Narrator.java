package dev.paykit.app.tour;

import java.io.PrintStream;
import java.util.Objects;

/**
 * Writes the tour's story to the screen: paragraphs wrapped to a readable width, steps as they
 * happen, and tables. Flushes after every line so that progress shows while the tour runs.
 */
public final class Narrator {
  static final int WIDTH = 100;

  private final PrintStream out;

  public Narrator(PrintStream out) {
    this.out = Objects.requireNonNull(out, "out");
  }

  public void line(String text) {
    out.println(text);
    out.flush();
  }

  public void blank() {
    line("");
  }

  /** A step of a flow, as it happens. */
  public void step(String text) {
    wrap("  > ", "    ", text);
  }

  /** A paragraph of explanation, indented. */
  public void paragraph(String text) {
    wrap("  ", "  ", text);
  }

  private void wrap(String first, String rest, String text) {
    StringBuilder current = new StringBuilder(first);
    boolean empty = true;
    for (String word : text.split(" +")) {
      if (!empty && current.length() + 1 + word.length() > WIDTH) {
        line(current.toString());
        current = new StringBuilder(rest);
        empty = true;
      }
      if (!empty) {
        current.append(' ');
      }
      current.append(word);
      empty = false;
    }
    line(current.toString());
  }
}
