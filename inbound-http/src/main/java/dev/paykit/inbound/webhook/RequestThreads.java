package dev.paykit.inbound.webhook;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The executor of {@link JdkWebhookServer}'s {@code HttpServer}, which is where the request is
 * read.
 *
 * <p>The JDK's server ({@code sun.net.httpserver.ServerImpl}) accepts connections on one dispatcher
 * thread and, as soon as a connection has a byte to read, hands the whole exchange to its executor:
 * the executor's thread reads the request line, the headers and (in the handler) the body with
 * blocking reads on the connection's {@code SocketChannel}, and nothing in the JDK bounds how long
 * that takes unless the JVM-wide {@code sun.net.httpserver.maxReqTime} is set. So this executor
 * does three things:
 *
 * <ul>
 *   <li><b>Never blocks the dispatcher.</b> A request gets one of {@code threads} request threads
 *       if one is free (no queue to wait in behind slow senders); otherwise one of two shedding
 *       threads, whose handler answers 503 with {@code Retry-After} as soon as the headers are in,
 *       without reading the body; when those are busy too, it throws {@link
 *       RejectedExecutionException} and the JDK closes the connection at once. The sender, a
 *       provider, delivers again later either way.
 *   <li><b>Bounds the time a request may take to arrive.</b> A watchdog interrupts a thread still
 *       reading after the read timeout: a thread blocked on an interruptible channel then has the
 *       channel closed under it ({@link java.nio.channels.ClosedByInterruptException}), and the JDK
 *       drops the connection. The same bound covers writing the answer.
 *   <li><b>Never interrupts Paykit's work.</b> Between {@link Request#startProcessing()} and {@link
 *       Request#endProcessing()} (the store call) the watchdog waits: an interrupt there could
 *       break a database driver's file channel.
 * </ul>
 */
final class RequestThreads implements Executor {
  static final int SHEDDING_THREADS = 2;

  /** A 503 needs only the headers, which a genuine sender sends at once. */
  static final Duration LONGEST_SHEDDING_READ = Duration.ofSeconds(2);

  private static final Logger log = LoggerFactory.getLogger(JdkWebhookServer.class);

  private final Duration readTimeout;
  private final Duration sheddingReadTimeout;
  private final ThreadPoolExecutor workers;
  private final Semaphore workerSlots;
  private final ThreadPoolExecutor shedders;
  private final Semaphore shedderSlots;
  private final ScheduledThreadPoolExecutor watchdog;
  private final ThreadLocal<Request> current = new ThreadLocal<>();
  private final AtomicLong cut = new AtomicLong();
  private final AtomicLong shed = new AtomicLong();
  private final AtomicLong refused = new AtomicLong();

  RequestThreads(String name, int threads, Duration readTimeout) {
    this.readTimeout = Objects.requireNonNull(readTimeout, "readTimeout");
    this.sheddingReadTimeout =
        readTimeout.compareTo(LONGEST_SHEDDING_READ) < 0 ? readTimeout : LONGEST_SHEDDING_READ;
    // Admission is by the semaphore, so the queue holds a task only for the moment between a
    // thread releasing its slot and taking the next task: nobody waits behind a slow sender.
    this.workers = pool(name, threads);
    this.workerSlots = new Semaphore(threads);
    this.shedders = pool(name + "-shedding", SHEDDING_THREADS);
    this.shedderSlots = new Semaphore(SHEDDING_THREADS);
    this.watchdog = new ScheduledThreadPoolExecutor(1, daemons(name + "-watchdog"));
    watchdog.setRemoveOnCancelPolicy(true);
  }

  @Override
  public void execute(Runnable exchange) {
    if (workerSlots.tryAcquire()) {
      submit(workers, new Request(exchange, false, readTimeout, workerSlots));
      return;
    }
    if (shedderSlots.tryAcquire()) {
      shed.incrementAndGet();
      submit(shedders, new Request(exchange, true, sheddingReadTimeout, shedderSlots));
      return;
    }
    refused.incrementAndGet();
    throw new RejectedExecutionException("every webhook thread is busy");
  }

  private static void submit(ThreadPoolExecutor pool, Request request) {
    try {
      pool.execute(request);
    } catch (RejectedExecutionException e) {
      request.slot.release();
      throw e;
    }
  }

  /** The request the calling thread is serving; only the server's handler asks. */
  Request current() {
    return Objects.requireNonNull(current.get(), "not on one of the webhook request threads");
  }

  long cut() {
    return cut.get();
  }

  long shed() {
    return shed.get();
  }

  long refused() {
    return refused.get();
  }

  /**
   * Lets the running requests end (the server has closed their connections already, so the ones
   * still reading end at once), then stops every thread. Waits at most the read timeout.
   */
  void close() {
    workers.shutdown();
    shedders.shutdown();
    try {
      long until = System.nanoTime() + readTimeout.toNanos();
      workers.awaitTermination(until - System.nanoTime(), TimeUnit.NANOSECONDS);
      shedders.awaitTermination(until - System.nanoTime(), TimeUnit.NANOSECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      workers.shutdownNow();
      shedders.shutdownNow();
      watchdog.shutdownNow();
    }
  }

  private enum Phase {
    WAITING,
    /** Reading the request or writing the answer: the watchdog cuts it at the deadline. */
    NETWORK,
    /** Paykit is storing the delivery: never interrupted. */
    PROCESSING,
    CUT,
    DONE
  }

  /** One exchange on one thread, with its deadline. */
  final class Request implements Runnable {
    private final Runnable exchange;
    private final boolean shedding;
    private final Duration timeout;
    private final Semaphore slot;
    private Thread thread;
    private Phase phase = Phase.WAITING;
    private ScheduledFuture<?> deadline;

    private Request(Runnable exchange, boolean shedding, Duration timeout, Semaphore slot) {
      this.exchange = exchange;
      this.shedding = shedding;
      this.timeout = timeout;
      this.slot = slot;
    }

    /** True if this request came while every request thread was busy: it is answered 503. */
    boolean shedding() {
      return shedding;
    }

    @Override
    public void run() {
      synchronized (this) {
        thread = Thread.currentThread();
        phase = Phase.NETWORK;
        arm();
      }
      current.set(this);
      try {
        exchange.run();
      } finally {
        current.remove();
        synchronized (this) {
          phase = Phase.DONE;
          disarm();
          // An interrupt that cut this request must not reach the thread's next one.
          Thread.interrupted();
        }
        slot.release();
      }
    }

    /**
     * The request has arrived whole: from now on the watchdog waits. False if it was cut already,
     * in which case nothing may be handed to Paykit (the connection is closed).
     */
    synchronized boolean startProcessing() {
      if (phase != Phase.NETWORK) {
        return false;
      }
      phase = Phase.PROCESSING;
      disarm();
      return true;
    }

    /** Paykit is done; the answer must be written within the timeout, as the request was read. */
    synchronized void endProcessing() {
      if (phase == Phase.PROCESSING) {
        phase = Phase.NETWORK;
        arm();
      }
    }

    private void arm() {
      deadline = watchdog.schedule(this::expire, timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    private void disarm() {
      if (deadline != null) {
        deadline.cancel(false);
        deadline = null;
      }
    }

    private void expire() {
      synchronized (this) {
        if (phase != Phase.NETWORK) {
          return;
        }
        phase = Phase.CUT;
        cut.incrementAndGet();
        thread.interrupt();
      }
      // Logged here, on the watchdog's thread: the request's thread is interrupted now.
      log.debug(
          "A webhook request took longer than {} to arrive or be answered; its connection was"
              + " closed",
          timeout);
    }
  }

  private static ThreadPoolExecutor pool(String name, int threads) {
    ThreadPoolExecutor pool =
        new ThreadPoolExecutor(
            threads, threads, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), daemons(name));
    pool.allowCoreThreadTimeOut(true);
    return pool;
  }

  private static ThreadFactory daemons(String name) {
    AtomicInteger count = new AtomicInteger();
    return runnable -> {
      Thread thread = new Thread(runnable, name + "-" + count.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }
}
