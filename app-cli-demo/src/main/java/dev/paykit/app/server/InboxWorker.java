package dev.paykit.app.server;

import dev.paykit.port.in.InboxRunReport;
import dev.paykit.port.in.ProcessInbox;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies received webhooks in the background: each thread calls {@link
 * ProcessInbox#processPending} in a loop, and waits {@code idleWait} when a pass found nothing.
 * {@link #wakeUp()} ends the wait early, so that an event just accepted by the receiver is applied
 * within milliseconds instead of at the next poll. Several threads (or several processes on one
 * database) are safe: the inbox's claims are exclusive.
 */
public final class InboxWorker implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(InboxWorker.class);

  /** After a pass failed (the database is down, say), wait this long before the next one. */
  private static final Duration AFTER_FAILURE = Duration.ofSeconds(1);

  private final ProcessInbox inbox;
  private final int batchSize;
  private final Duration idleWait;
  private final int threads;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition work = lock.newCondition();
  private final List<Thread> running = new ArrayList<>();
  private volatile boolean stopped;
  private boolean woken;

  /**
   * @param batchSize how many events one pass claims at most
   * @param idleWait how long a thread waits after a pass that found nothing
   * @param threads how many threads process at once
   */
  public InboxWorker(ProcessInbox inbox, int batchSize, Duration idleWait, int threads) {
    this.inbox = Objects.requireNonNull(inbox, "inbox");
    this.idleWait = Objects.requireNonNull(idleWait, "idleWait");
    if (batchSize < 1 || threads < 1) {
      throw new IllegalArgumentException("batchSize and threads must be at least 1");
    }
    this.batchSize = batchSize;
    this.threads = threads;
  }

  public InboxWorker start() {
    lock.lock();
    try {
      if (!running.isEmpty()) {
        throw new IllegalStateException("already started");
      }
      for (int i = 1; i <= threads; i++) {
        Thread thread = new Thread(this::loop, "paykit-inbox-" + i);
        thread.setDaemon(true);
        running.add(thread);
        thread.start();
      }
    } finally {
      lock.unlock();
    }
    return this;
  }

  /** Ends the idle wait of the threads now, because new events are there. */
  public void wakeUp() {
    lock.lock();
    try {
      woken = true;
      work.signalAll();
    } finally {
      lock.unlock();
    }
  }

  private void loop() {
    while (!stopped) {
      Duration pause;
      try {
        InboxRunReport report = inbox.processPending(batchSize);
        // A full batch means more may be due: go again at once.
        pause = report.claimed() >= batchSize ? Duration.ZERO : idleWait;
      } catch (RuntimeException e) {
        log.warn("Inbox pass failed, trying again in {}: {}", AFTER_FAILURE, e.toString());
        pause = AFTER_FAILURE;
      }
      if (!pause.isZero()) {
        pause(pause);
      }
    }
  }

  private void pause(Duration pause) {
    lock.lock();
    try {
      long nanos = pause.toNanos();
      while (!woken && !stopped && nanos > 0) {
        nanos = work.awaitNanos(nanos);
      }
      woken = false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      stopped = true;
    } finally {
      lock.unlock();
    }
  }

  /** Stops the threads after their current pass and waits for them (a few seconds at most). */
  @Override
  public void close() {
    List<Thread> toJoin;
    lock.lock();
    try {
      stopped = true;
      work.signalAll();
      toJoin = List.copyOf(running);
    } finally {
      lock.unlock();
    }
    for (Thread thread : toJoin) {
      try {
        thread.join(TimeUnit.SECONDS.toMillis(5));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }
}
