package dev.paykit.sandbox;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fault injection, the Java mirror of {@code POST/GET/DELETE /sandbox/faults}. Faults are used up
 * in the order they were injected; each affects its next {@code times} calls, events or attempts.
 * Beside them, a configured share of API calls gets a random transient fault ({@link
 * SandboxConfig#faultRate()}); {@link #clear()} does not stop those.
 */
public final class SandboxFaults {

  private static final Logger LOG = LoggerFactory.getLogger(SandboxFaults.class);

  private final Predicate<String> knownEndpoint;
  private final Runnable expireTokens;
  private final Runnable onClear;
  private final RandomFaults random;
  private final List<Active> active = new ArrayList<>();

  SandboxFaults(
      Predicate<String> knownEndpoint,
      Runnable expireTokens,
      Runnable onClear,
      RandomFaults random) {
    this.knownEndpoint = knownEndpoint;
    this.expireTokens = expireTokens;
    this.onClear = onClear;
    this.random = random;
  }

  private static final class Active {
    final String id;
    final Fault fault;
    int remaining;

    Active(String id, Fault fault) {
      this.id = id;
      this.fault = fault;
      this.remaining = fault.times();
    }
  }

  /**
   * Adds faults; {@link FaultKind#EXPIRE_TOKENS} acts at once. Either all are added or, if one
   * names an unknown endpoint, none.
   *
   * @throws IllegalArgumentException if a fault names an endpoint the sandbox does not serve
   */
  public void inject(Fault... faults) {
    try {
      injectChecked(List.of(faults), "");
    } catch (SandboxApiException e) {
      throw new IllegalArgumentException(e.getMessage());
    }
  }

  /** Removes every fault; events held for reordering are released (reversed) at once. */
  public void clear() {
    synchronized (this) {
      active.clear();
    }
    LOG.info("Faults cleared");
    onClear.run();
  }

  /** The faults still active, {@code times} being what each still affects. */
  public synchronized List<Fault> active() {
    List<Fault> result = new ArrayList<>();
    for (Active a : active) {
      result.add(a.fault.withTimes(a.remaining));
    }
    return result;
  }

  /** The active faults as JSON objects, each with its id. */
  synchronized List<ObjectNode> activeJson() {
    List<ObjectNode> result = new ArrayList<>();
    active.forEach(a -> result.add(a.fault.withTimes(a.remaining).toJson(a.id)));
    return result;
  }

  /** Validates all, then adds all. {@code paramPrefix} is the JSON path of the array, if any. */
  void injectChecked(List<Fault> faults, String paramPrefix) {
    for (int i = 0; i < faults.size(); i++) {
      Fault fault = Objects.requireNonNull(faults.get(i), "fault");
      if (fault.kind().isHttp()
          && !fault.endpointKey().equals(Fault.ANY_ENDPOINT)
          && !knownEndpoint.test(fault.endpointKey())) {
        String prefix = paramPrefix.isEmpty() ? "" : paramPrefix + "[" + i + "].";
        throw SandboxApiException.invalidRequest(
            "No fault-injectable endpoint matches '"
                + fault.endpoint()
                + "' (use \"*\", a route such as \"POST /v1/payments\", or a concrete path).",
            prefix + "endpoint");
      }
    }
    for (Fault fault : faults) {
      if (fault.kind() == FaultKind.EXPIRE_TOKENS) {
        expireTokens.run();
        LOG.info("Fault injected: every access token expired");
        continue;
      }
      Active a = new Active(Ids.faultId(), fault);
      synchronized (this) {
        active.add(a);
      }
      LOG.info("Fault injected: {} {}", a.id, fault);
    }
  }

  /**
   * Draws the faults for one call of {@code route} ({@code concrete} is method and real path): the
   * injected ones first, then, if none of them decides the call's outcome, a random one at the
   * configured fault rate.
   */
  synchronized FaultPlan planFor(String route, String concrete) {
    Duration latency = null;
    Fault outcome = null;
    for (Iterator<Active> it = active.iterator(); it.hasNext(); ) {
      Active a = it.next();
      Fault f = a.fault;
      if (!f.kind().isHttp() || !matches(f.endpointKey(), route, concrete)) {
        continue;
      }
      boolean used = false;
      if (f.kind() == FaultKind.LATENCY && latency == null) {
        latency = f.latency();
        used = true;
      } else if (f.kind() != FaultKind.LATENCY && outcome == null) {
        outcome = f;
        used = true;
      }
      if (used && --a.remaining == 0) {
        it.remove();
      }
    }
    if (outcome == null) {
      outcome = random.draw();
      if (outcome != null) {
        LOG.debug("Random fault for {}: {}", concrete, outcome);
      }
    }
    return latency == null && outcome == null ? FaultPlan.NONE : new FaultPlan(latency, outcome);
  }

  private static boolean matches(String endpoint, String route, String concrete) {
    return endpoint.equals(Fault.ANY_ENDPOINT)
        || endpoint.equals(route)
        || endpoint.equals(concrete);
  }

  /** Takes one use of the first fault of {@code kind}, or returns {@code null}. */
  synchronized Fault take(FaultKind kind) {
    for (Iterator<Active> it = active.iterator(); it.hasNext(); ) {
      Active a = it.next();
      if (a.fault.kind() == kind) {
        if (--a.remaining == 0) {
          it.remove();
        }
        return a.fault;
      }
    }
    return null;
  }

  /**
   * Takes the first reorder fault that can hold an event of {@code transactionId}: one naming that
   * transaction, or one naming none.
   */
  synchronized Fault takeReorder(String transactionId) {
    for (Iterator<Active> it = active.iterator(); it.hasNext(); ) {
      Active a = it.next();
      Fault f = a.fault;
      if (f.kind() == FaultKind.WEBHOOK_REORDER
          && (f.transactionId() == null || f.transactionId().equals(transactionId))) {
        it.remove();
        return f;
      }
    }
    return null;
  }
}
