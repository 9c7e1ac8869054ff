package dev.paykit.spring.boot;

import dev.paykit.inbound.worker.InboxWorker;
import dev.paykit.inbound.worker.WorkerSettings;
import dev.paykit.port.in.ProcessInbox;
import java.time.Duration;

/** The inbox worker: applies the webhooks the endpoint stored, woken up by every delivery. */
public final class InboxWorkerLifecycle extends WorkerLifecycle<InboxWorker> {
  private final ProcessInbox inbox;
  private final WorkerSettings settings;

  public InboxWorkerLifecycle(ProcessInbox inbox, WorkerSettings settings, Duration grace) {
    super(grace);
    this.inbox = inbox;
    this.settings = settings;
  }

  /** Applies the inbox now rather than at the next poll; nothing while stopped. */
  public void wakeUp() {
    InboxWorker worker = worker();
    if (worker != null) {
      worker.wakeUp();
    }
  }

  @Override
  protected InboxWorker startWorker() {
    return new InboxWorker(inbox, settings).start();
  }

  @Override
  protected boolean stopWorker(InboxWorker worker, Duration grace) {
    return worker.stop(grace);
  }
}
