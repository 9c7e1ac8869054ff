package dev.paykit.bench.harness;

import dev.paykit.bench.report.Measurement;
import dev.paykit.bench.report.Percentiles;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A closed-loop load: {@code callers} threads, each calling the operation again as soon as the last
 * call returned, for a fixed time. Every call's latency is recorded; the percentiles come from
 * sorting them ({@link Percentiles}). Bounded in time: a caller starts no call after the deadline,
 * and a call that hangs is abandoned after a grace period.
 */
public final class ClosedLoop {

  /** One call; {@code caller} is the calling thread's index, for per-caller state. */
  @FunctionalInterface
  public interface Operation {
    void call(int caller) throws Exception;
  }

  /** What a run measured; latencies in nanoseconds, failed calls not among them. */
  public record Result(long calls, long failures, long elapsedNanos, long[] latencies, int count) {

    public double opsPerSecond() {
      return calls * 1e9 / elapsedNanos;
    }

    public Measurement measurement(String label) {
      Percentiles p = Percentiles.of(latencies, count);
      return new Measurement(label, opsPerSecond(), p.p50(), p.p99());
    }

    /** Several runs of the same case as one: calls and time add up, latencies are pooled. */
    public static Result merge(List<Result> runs) {
      long calls = 0;
      long failures = 0;
      long elapsed = 0;
      int count = 0;
      for (Result r : runs) {
        calls += r.calls;
        failures += r.failures;
        elapsed += r.elapsedNanos;
        count += r.count;
      }
      long[] all = new long[count];
      int at = 0;
      for (Result r : runs) {
        System.arraycopy(r.latencies, 0, all, at, r.count);
        at += r.count;
      }
      return new Result(calls, failures, elapsed, all, count);
    }
  }

  private static final Duration GRACE = Duration.ofSeconds(30);

  private ClosedLoop() {}

  public static Result run(int callers, Duration duration, Operation operation)
      throws InterruptedException {
    long[][] latencies = new long[callers][];
    int[] counts = new int[callers];
    AtomicLong failures = new AtomicLong();
    long start = System.nanoTime();
    long deadline = start + duration.toNanos();
    List<Thread> threads = new ArrayList<>();
    for (int i = 0; i < callers; i++) {
      int caller = i;
      Thread thread =
          new Thread(
              () -> {
                long[] mine = new long[4096];
                int n = 0;
                while (System.nanoTime() < deadline && !Thread.currentThread().isInterrupted()) {
                  long t0 = System.nanoTime();
                  try {
                    operation.call(caller);
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                  } catch (Exception e) {
                    failures.incrementAndGet();
                    continue;
                  }
                  if (n == mine.length) {
                    mine = Arrays.copyOf(mine, n * 2);
                  }
                  mine[n++] = System.nanoTime() - t0;
                }
                latencies[caller] = mine;
                counts[caller] = n;
              },
              "paykit-bench-caller-" + i);
      thread.setDaemon(true);
      threads.add(thread);
    }
    threads.forEach(Thread::start);
    long joinBy = deadline + GRACE.toNanos();
    for (Thread thread : threads) {
      long left = Math.max(1, (joinBy - System.nanoTime()) / 1_000_000);
      thread.join(left);
      if (thread.isAlive()) {
        thread.interrupt();
        throw new IllegalStateException(
            thread.getName() + " did not return within " + GRACE + " after the deadline");
      }
    }
    long elapsed = System.nanoTime() - start;
    int total = 0;
    for (int c : counts) {
      total += c;
    }
    long[] all = new long[total];
    int at = 0;
    for (int i = 0; i < callers; i++) {
      System.arraycopy(latencies[i], 0, all, at, counts[i]);
      at += counts[i];
    }
    return new Result(total, failures.get(), elapsed, all, total);
  }
}
