package dev.paykit.inbound.worker;

import dev.paykit.domain.Require;
import dev.paykit.domain.ValidationException;
import dev.paykit.port.in.StopSignal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;

/**
 * The threads of one worker and their life. Each thread runs passes one after the other and pauses
 * between them for as long as the last pass asks; {@link #wakeUp()} ends the pause of one of them.
 * {@link #stop(Duration)} lets the passes in progress run for the grace period, then raises the
 * signal each pass was given to give back its work, and interrupts the threads that are still busy
 * after {@code giveBackAllowance}.
 *
 * <p>Wake-ups are coalesced, because the webhook endpoint sends one per delivery and a burst of
 * them must not become a burst of passes competing with the endpoint for the processor and the
 * store's connections. A wake-up only marks work as pending; the first one since the last pass
 * began also signals one pausing thread. The thread that takes the mark starts its pass no sooner
 * than {@code wakeUpInterval} after the last pass began, so every delivery of the interval shares
 * that pass. Nothing is lost: each pass clears the mark before it claims, so a delivery whose
 * wake-up finds the mark set is stored before a claim that is still to come, and a thread that ends
 * a pass with the mark set pauses no longer than that interval.
 */
final class WorkerLoop {

  /** One pass; returns how long to pause before the next. */
  @FunctionalInterface
  interface Pass {
    Duration run(StopSignal giveBack);
  }

  /** After a pass failed (the database is down, say), the pause before the next one. */
  static final Duration AFTER_FAILURE = Duration.ofSeconds(1);

  /** How long interrupted threads get to end. */
  private static final Duration AFTER_INTERRUPT = Duration.ofSeconds(1);

  private enum State {
    NEW,
    RUNNING,
    STOPPED
  }

  private final String name;
  private final int threads;
  private final long wakeUpIntervalNanos;
  private final Duration giveBackAllowance;
  private final Logger log;
  private final Pass pass;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition wake = lock.newCondition();
  private final List<Thread> running = new ArrayList<>();
  private State state = State.NEW;

  /** Set by a wake-up, cleared when a pass begins: work was stored after the last claim began. */
  private final AtomicBoolean wakeUpPending = new AtomicBoolean();

  /** The {@link System#nanoTime()} before which no wake-up starts a pass. */
  private long wakeUpsFrom;

  private volatile boolean stopping;
  private volatile boolean giveBack;

  WorkerLoop(
      String name,
      int threads,
      Duration wakeUpInterval,
      Duration giveBackAllowance,
      Logger log,
      Pass pass) {
    this.name = name;
    this.threads = threads;
    this.wakeUpIntervalNanos = wakeUpInterval.toNanos();
    this.giveBackAllowance = giveBackAllowance;
    this.log = log;
    this.pass = pass;
  }

  void start() {
    lock.lock();
    try {
      if (state != State.NEW) {
        throw new IllegalStateException(
            name + (state == State.RUNNING ? " is already running" : " was stopped for good"));
      }
      state = State.RUNNING;
      for (int i = 1; i <= threads; i++) {
        Thread thread = new Thread(this::loop, name + "-" + i);
        thread.setDaemon(true);
        running.add(thread);
      }
      running.forEach(Thread::start);
    } finally {
      lock.unlock();
    }
  }

  void wakeUp() {
    // The rest of a burst finds the mark set and leaves without taking the lock.
    if (wakeUpPending.get() || wakeUpPending.getAndSet(true)) {
      return;
    }
    lock.lock();
    try {
      wake.signal();
    } finally {
      lock.unlock();
    }
  }

  boolean stop(Duration grace) {
    Require.present("grace", grace);
    if (grace.isNegative()) {
      throw new ValidationException("grace", "negative", "must not be negative");
    }
    List<Thread> threadsToEnd;
    lock.lock();
    try {
      state = State.STOPPED;
      stopping = true;
      wake.signalAll();
      threadsToEnd = List.copyOf(running);
    } finally {
      lock.unlock();
    }
    if (!joined(threadsToEnd, grace)) {
      giveBack = true;
      if (!joined(threadsToEnd, giveBackAllowance)) {
        threadsToEnd.forEach(Thread::interrupt);
        joined(threadsToEnd, AFTER_INTERRUPT);
      }
    }
    long alive = threadsToEnd.stream().filter(Thread::isAlive).count();
    if (alive > 0) {
      log.warn("{}: {} of its threads did not end after being interrupted", name, alive);
    }
    return alive == 0;
  }

  private void loop() {
    while (!stopping) {
      begin(System.nanoTime());
      Duration pause;
      try {
        pause = pass.run(() -> giveBack);
      } catch (RuntimeException e) {
        log.warn(
            "{}: a pass failed, the next in {}: {}",
            Thread.currentThread().getName(),
            AFTER_FAILURE,
            Failures.describe(e));
        pause = AFTER_FAILURE;
      }
      if (!rested(pause)) {
        return;
      }
    }
  }

  /**
   * A pass begins at {@code now}: the wake-ups so far are its own (its claim comes after this, so
   * it sees what they announced), and the next one may start a pass only after the interval.
   */
  private void begin(long now) {
    lock.lock();
    try {
      // Not set(false): reading the wake-up's write orders what it announced before the claim.
      wakeUpPending.getAndSet(false);
      wakeUpsFrom = now + wakeUpIntervalNanos;
    } finally {
      lock.unlock();
    }
  }

  /**
   * Pauses for {@code pause}, or less when a wake-up is pending and the interval since the last
   * pass began is over; false if the thread was interrupted.
   */
  private boolean rested(Duration pause) {
    lock.lock();
    try {
      long deadline = System.nanoTime() + pause.toNanos();
      while (!stopping) {
        long now = System.nanoTime();
        long left = deadline - now;
        if (left <= 0) {
          return true;
        }
        if (!wakeUpPending.get()) {
          wake.awaitNanos(left);
        } else if (now - wakeUpsFrom >= 0) {
          // Taken here, under the lock, so that no other pausing thread takes the same one.
          begin(now);
          return true;
        } else {
          wake.awaitNanos(Math.min(left, wakeUpsFrom - now));
        }
      }
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    } finally {
      lock.unlock();
    }
  }

  /** Waits up to {@code limit} for every thread to end; whether they all have. */
  private static boolean joined(List<Thread> threads, Duration limit) {
    long deadline = System.nanoTime() + limit.toNanos();
    for (Thread thread : threads) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        break;
      }
      try {
        thread.join(TimeUnit.NANOSECONDS.toMillis(left), (int) (left % 1_000_000));
      } catch (InterruptedException e) {
        // Whoever stops the worker is being interrupted: stop waiting, keep the flag for them.
        Thread.currentThread().interrupt();
        break;
      }
    }
    return threads.stream().noneMatch(Thread::isAlive);
  }
}
