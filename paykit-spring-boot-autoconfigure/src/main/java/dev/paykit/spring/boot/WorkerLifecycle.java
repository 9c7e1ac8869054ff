package dev.paykit.spring.boot;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.springframework.context.SmartLifecycle;

/**
 * One of Paykit's background workers, started when the application context has started and stopped
 * when it closes. A stopped worker cannot be started again, so every start makes a new one.
 *
 * <p>The phase is below the web server's, so the workers start before the webhook endpoint takes
 * requests and stop after it has taken its last: an event the endpoint stored is still applied by
 * the inbox worker, or left in the inbox for the next start.
 *
 * @param <W> the worker
 */
public abstract class WorkerLifecycle<W> implements SmartLifecycle {
  /** Below the web server's phases ({@code SmartLifecycle.DEFAULT_PHASE - 2048} and above). */
  public static final int PHASE = SmartLifecycle.DEFAULT_PHASE - 4096;

  private final Duration grace;
  private final AtomicReference<W> running = new AtomicReference<>();

  protected WorkerLifecycle(Duration grace) {
    this.grace = grace;
  }

  /** A new worker, started. */
  protected abstract W startWorker();

  /** Stops {@code worker} within {@code grace}; true if every thread of it has ended. */
  protected abstract boolean stopWorker(W worker, Duration grace);

  /** The running worker, or null when stopped. */
  protected final W worker() {
    return running.get();
  }

  @Override
  public final synchronized void start() {
    if (running.get() == null) {
      running.set(startWorker());
    }
  }

  @Override
  public final synchronized void stop() {
    W worker = running.getAndSet(null);
    if (worker != null) {
      stopWorker(worker, grace);
    }
  }

  @Override
  public final boolean isRunning() {
    return running.get() != null;
  }

  @Override
  public int getPhase() {
    return PHASE;
  }
}
