package dev.paykit.app.server;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** The thread pool of the demo's own loopback servers (the return page, the exchange log). */
final class BoundedPool {
  private BoundedPool() {}

  /**
   * A small fixed pool with a bounded queue, so that a flood of requests cannot exhaust memory;
   * beyond the queue the accepting thread serves a request itself, which slows the sender down.
   * Good enough for pages only the demo's own browser and gateway call.
   */
  static ThreadPoolExecutor of(String name, int threads) {
    AtomicInteger count = new AtomicInteger();
    return new ThreadPoolExecutor(
        threads,
        threads,
        30,
        TimeUnit.SECONDS,
        new ArrayBlockingQueue<>(threads * 16),
        runnable -> {
          Thread thread = new Thread(runnable, name + "-" + count.incrementAndGet());
          thread.setDaemon(true);
          return thread;
        },
        new ThreadPoolExecutor.CallerRunsPolicy());
  }
}
