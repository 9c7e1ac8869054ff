package dev.paykit.inbound.worker;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/** Looks at the JVM's threads, and runs a call on a thread of its own. */
final class Threads {
  private Threads() {}

  /** The live threads whose name starts with {@code prefix}. */
  static List<Thread> alive(String prefix) {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(t -> t.isAlive() && t.getName().startsWith(prefix))
        .toList();
  }

  /** Runs {@code call} on a new thread, so that the test can watch it wait. */
  static <T> CompletableFuture<T> async(Supplier<T> call) {
    CompletableFuture<T> result = new CompletableFuture<>();
    Thread thread =
        new Thread(
            () -> {
              try {
                result.complete(call.get());
              } catch (RuntimeException | Error e) {
                result.completeExceptionally(e);
              }
            },
            "test-stopper");
    thread.setDaemon(true);
    thread.start();
    return result;
  }
}
