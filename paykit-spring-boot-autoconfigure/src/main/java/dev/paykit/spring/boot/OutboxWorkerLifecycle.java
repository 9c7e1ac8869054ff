package dev.paykit.spring.boot;

import dev.paykit.inbound.worker.OutboxWorker;
import dev.paykit.inbound.worker.OutboxWorkerSettings;
import dev.paykit.port.in.DispatchOutbox;
import java.time.Duration;

/** The outbox worker: hands every outcome to the application's PaymentEventHandler bean. */
public final class OutboxWorkerLifecycle extends WorkerLifecycle<OutboxWorker> {
  private final DispatchOutbox outbox;
  private final OutboxWorkerSettings settings;

  public OutboxWorkerLifecycle(
      DispatchOutbox outbox, OutboxWorkerSettings settings, Duration grace) {
    super(grace);
    this.outbox = outbox;
    this.settings = settings;
  }

  @Override
  protected OutboxWorker startWorker() {
    return new OutboxWorker(outbox, settings).start();
  }

  @Override
  protected boolean stopWorker(OutboxWorker worker, Duration grace) {
    return worker.stop(grace);
  }
}
