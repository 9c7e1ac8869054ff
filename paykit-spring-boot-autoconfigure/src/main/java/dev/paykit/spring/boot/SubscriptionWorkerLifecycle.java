package dev.paykit.spring.boot;

import dev.paykit.inbound.worker.SubscriptionWorker;
import dev.paykit.inbound.worker.WorkerSettings;
import dev.paykit.port.in.RunSubscriptions;
import java.time.Duration;

/** The subscription scheduler: activations, renewal notices, renewals and dunning. */
public final class SubscriptionWorkerLifecycle extends WorkerLifecycle<SubscriptionWorker> {
  private final RunSubscriptions subscriptions;
  private final WorkerSettings settings;

  public SubscriptionWorkerLifecycle(
      RunSubscriptions subscriptions, WorkerSettings settings, Duration grace) {
    super(grace);
    this.subscriptions = subscriptions;
    this.settings = settings;
  }

  @Override
  protected SubscriptionWorker startWorker() {
    return new SubscriptionWorker(subscriptions, settings).start();
  }

  @Override
  protected boolean stopWorker(SubscriptionWorker worker, Duration grace) {
    return worker.stop(grace);
  }
}
