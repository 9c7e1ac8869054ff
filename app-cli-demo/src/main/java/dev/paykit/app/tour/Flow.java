package dev.paykit.app.tour;

/**
 * One flow of the tour: a short story of what happens to a payment, told while it really happens
 * over HTTP, and checked afterwards against the sandbox's ledger, the store and the metrics.
 */
public interface Flow {

  /** The name for {@code --flow}, e.g. {@code success}. */
  String name();

  /** One line: what happens. */
  String title();

  /** A few sentences for a newcomer: which practice this shows, and what is simulated. */
  String narration();

  /**
   * Whether the flow needs the sandbox's own endpoints (simulate, faults, the ledger, webhook
   * delivery to this machine); such flows are skipped against another provider.
   */
  boolean needsSandboxOnlyEndpoints();

  /** Runs the flow, recording its checks; an exception fails the flow. */
  void run(TourContext tour, Checks checks) throws Exception;
}
