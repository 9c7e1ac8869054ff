package dev.paykit.spring.boot;

import dev.paykit.inbound.worker.EvidenceReminderWorker;
import dev.paykit.inbound.worker.WorkerSettings;
import dev.paykit.port.in.RemindEvidenceDue;
import java.time.Duration;

/** The evidence reminder: tells the shop once of each dispute whose evidence is due soon. */
public final class EvidenceReminderWorkerLifecycle extends WorkerLifecycle<EvidenceReminderWorker> {
  private final RemindEvidenceDue reminders;
  private final WorkerSettings settings;

  public EvidenceReminderWorkerLifecycle(
      RemindEvidenceDue reminders, WorkerSettings settings, Duration grace) {
    super(grace);
    this.reminders = reminders;
    this.settings = settings;
  }

  @Override
  protected EvidenceReminderWorker startWorker() {
    return new EvidenceReminderWorker(reminders, settings).start();
  }

  @Override
  protected boolean stopWorker(EvidenceReminderWorker worker, Duration grace) {
    return worker.stop(grace);
  }
}
