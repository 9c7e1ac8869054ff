package dev.paykit.testkit;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.IntFunction;

/**
 * Runs tasks on real threads that all start at the same moment, so that a race the contract rules
 * out gets every chance to happen.
 */
public final class Concurrently {
  private static final long TIMEOUT_SECONDS = 60;

  private Concurrently() {}

  /** What one task came to: its value, or what it threw. */
  public record Attempt<T>(T value, Throwable failure) {
    public boolean succeeded() {
      return failure == null;
    }
  }

  /**
   * Builds {@code threads} tasks with {@code task} (index 0 to threads - 1) before any starts, runs
   * each on its own thread behind a barrier, and returns their attempts in index order.
   */
  public static <T> List<Attempt<T>> run(int threads, IntFunction<Callable<T>> task) {
    List<Callable<T>> tasks = new ArrayList<>(threads);
    for (int i = 0; i < threads; i++) {
      tasks.add(task.apply(i));
    }
    CyclicBarrier start = new CyclicBarrier(threads);
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<T>> futures = new ArrayList<>(threads);
      for (Callable<T> each : tasks) {
        futures.add(
            pool.submit(
                () -> {
                  start.await(TIMEOUT_SECONDS, TimeUnit.SECONDS);
                  return each.call();
                }));
      }
      List<Attempt<T>> attempts = new ArrayList<>(threads);
      for (Future<T> future : futures) {
        attempts.add(outcome(future));
      }
      return attempts;
    } finally {
      pool.shutdownNow();
    }
  }

  private static <T> Attempt<T> outcome(Future<T> future) {
    try {
      return new Attempt<>(future.get(TIMEOUT_SECONDS, TimeUnit.SECONDS), null);
    } catch (ExecutionException e) {
      return new Attempt<>(null, e.getCause());
    } catch (TimeoutException e) {
      throw new AssertionError("a concurrent task did not finish in " + TIMEOUT_SECONDS + " s", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted while waiting for concurrent tasks", e);
    }
  }
}
