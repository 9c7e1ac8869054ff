package dev.paykit.inbound.worker;

import dev.paykit.domain.PaykitException;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;

/**
 * Names a failure for a log line by its classes and Paykit error codes only. Messages stay out: a
 * database driver's message can quote the statement's bound values, which may be a payload.
 */
final class Failures {
  private Failures() {}

  static String describe(Throwable failure) {
    StringBuilder text = new StringBuilder();
    Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    for (Throwable t = failure; t != null && seen.add(t); t = t.getCause()) {
      if (text.length() > 0) {
        text.append(" caused by ");
      }
      text.append(t.getClass().getName());
      if (t instanceof PaykitException paykit) {
        text.append(" (").append(paykit.code()).append(')');
      }
    }
    return text.toString();
  }
}
