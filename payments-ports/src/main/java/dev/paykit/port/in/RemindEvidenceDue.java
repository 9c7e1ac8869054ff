package dev.paykit.port.in;

/**
 * Use case, run on a timer: tells the shop (an outbox event, once per dispute) of every dispute
 * whose evidence is due soon and was not sent, and measures the open disputes.
 */
public interface RemindEvidenceDue {
  /** Returns how many reminders this run raised. */
  int remindDue();
}
