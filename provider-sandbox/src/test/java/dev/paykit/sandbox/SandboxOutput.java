package dev.paykit.sandbox;

import java.net.URI;
import java.util.Optional;

/** Reads what the standalone sandbox prints, as a script waiting for it would. */
final class SandboxOutput {

  private SandboxOutput() {}

  /** The address in the first "listening on" line of {@code printed}, if there is one yet. */
  static Optional<URI> listeningOn(String printed) {
    return printed
        .lines()
        .filter(line -> line.startsWith(SandboxCommandLine.LISTENING))
        .findFirst()
        .map(line -> line.substring(SandboxCommandLine.LISTENING.length()).split(" ", 2)[0])
        .map(URI::create);
  }
}
