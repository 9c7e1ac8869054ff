package dev.paykit.spring.boot;

import dev.paykit.inbound.worker.ReconcilerWorker;
import dev.paykit.inbound.worker.WorkerSettings;
import dev.paykit.port.in.Reconcile;
import java.time.Duration;

/** The reconciler: looks up the payments that waited too long for news. */
public final class ReconcilerWorkerLifecycle extends WorkerLifecycle<ReconcilerWorker> {
  private final Reconcile reconcile;
  private final WorkerSettings settings;

  public ReconcilerWorkerLifecycle(Reconcile reconcile, WorkerSettings settings, Duration grace) {
    super(grace);
    this.reconcile = reconcile;
    this.settings = settings;
  }

  @Override
  protected ReconcilerWorker startWorker() {
    return new ReconcilerWorker(reconcile, settings).start();
  }

  @Override
  protected boolean stopWorker(ReconcilerWorker worker, Duration grace) {
    return worker.stop(grace);
  }
}
