package dev.paykit.inbound.worker;

import dev.paykit.domain.Require;
import dev.paykit.domain.ValidationException;
import dev.paykit.port.in.StopSignal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;

/**
 * The threads of one worker and their life. Each thread runs passes one after the other and pauses
 * between them for as long as the last pass asks; {@link #wakeUp()} ends the pauses. {@link
 * #stop(Duration)} lets the passes in progress run for the grace period, then raises the signal
 * each pass was given to give back its work, and interrupts the threads that are still busy after
 * {@code giveBackAllowance}.
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
  private final Duration giveBackAllowance;
  private final Logger log;
  private final Pass pass;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition wake = lock.newCondition();
  private final List<Thread> running = new ArrayList<>();
  private State state = State.NEW;

  /** Counts wake-ups, so that one that comes while a thread is in a pass is not lost. */
  private long wakeUps;

  private volatile boolean stopping;
  private volatile boolean giveBack;

  WorkerLoop(String name, int threads, Duration giveBackAllowance, Logger log, Pass pass) {
    this.name = name;
    this.threads = threads;
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
    lock.lock();
    try {
      wakeUps++;
      wake.signalAll();
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
      long seen = wakeUpsSoFar();
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
      if (!paused(pause, seen)) {
        return;
      }
    }
  }

  private long wakeUpsSoFar() {
    lock.lock();
    try {
      return wakeUps;
    } finally {
      lock.unlock();
    }
  }

  /** Waits {@code pause} unless woken since {@code seen}; false if the thread was interrupted. */
  private boolean paused(Duration pause, long seen) {
    lock.lock();
    try {
      long nanos = pause.toNanos();
      while (!stopping && wakeUps == seen && nanos > 0) {
        nanos = wake.awaitNanos(nanos);
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
