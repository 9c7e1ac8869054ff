package dev.paykit.bench.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The machine a figure was taken on, and how busy it was: figures mean little without it. Reads
 * Linux's {@code /proc}; elsewhere the fields it cannot read say so.
 */
public final class Machine {
  private Machine() {}

  public static String describe() {
    return String.format(
        Locale.ROOT,
        "%d cores (%s), %s RAM, Java %s (%s), %s",
        Runtime.getRuntime().availableProcessors(),
        cpuModel(),
        memory(),
        System.getProperty("java.version"),
        System.getProperty("java.vm.name"),
        System.getProperty("os.name") + " " + System.getProperty("os.arch"));
  }

  /** The 1, 5 and 15 minute load averages. */
  public static String load() {
    return read("/proc/loadavg")
        .map(line -> String.join(" ", List.of(line.split(" ")).subList(0, 3)))
        .orElse("unknown");
  }

  private static String cpuModel() {
    return lines("/proc/cpuinfo").stream()
        .filter(l -> l.startsWith("model name"))
        .map(l -> l.substring(l.indexOf(':') + 1).strip())
        .findFirst()
        .orElse("unknown CPU");
  }

  private static String memory() {
    return lines("/proc/meminfo").stream()
        .filter(l -> l.startsWith("MemTotal:"))
        .map(l -> l.replaceAll("[^0-9]", ""))
        .map(kb -> String.format(Locale.ROOT, "%.1f GiB", Long.parseLong(kb) / 1024.0 / 1024.0))
        .findFirst()
        .orElse("unknown");
  }

  private static Optional<String> read(String path) {
    List<String> all = lines(path);
    return all.isEmpty() ? Optional.empty() : Optional.of(all.get(0));
  }

  private static List<String> lines(String path) {
    try {
      return Files.readAllLines(Path.of(path));
    } catch (IOException | UnsupportedOperationException e) {
      return List.of();
    }
  }
}
