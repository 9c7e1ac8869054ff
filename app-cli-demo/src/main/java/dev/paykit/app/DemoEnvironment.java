package dev.paykit.app;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * The settings a run reads besides its flags: the process environment, overlaid by a secrets file
 * if one is given. Secrets come only from here, never from a flag, so that they stay out of shell
 * history and process listings.
 *
 * <p>The secrets file has one {@code NAME=value} per line (Java properties), with the same names as
 * the environment variables, e.g. {@code PAYKIT_PROVIDER_CLIENT_SECRET=...}.
 */
public final class DemoEnvironment {
  public static final String SECRETS_FILE = "PAYKIT_SECRETS_FILE";

  private final Map<String, String> values;

  private DemoEnvironment(Map<String, String> values) {
    this.values = Map.copyOf(values);
  }

  public static DemoEnvironment of(Map<String, String> env) {
    return new DemoEnvironment(env);
  }

  /**
   * The environment overlaid by {@code secretsFile}, or by the file {@value #SECRETS_FILE} names;
   * the file wins where both have a name, since it was asked for explicitly.
   *
   * @throws IOException if the file cannot be read; the message names the file, never its content
   */
  public static DemoEnvironment of(Map<String, String> env, Path secretsFile) throws IOException {
    Path file = secretsFile;
    if (file == null && env.get(SECRETS_FILE) != null && !env.get(SECRETS_FILE).isBlank()) {
      file = Path.of(env.get(SECRETS_FILE).strip());
    }
    Map<String, String> merged = new HashMap<>(env);
    if (file != null) {
      Properties properties = new Properties();
      try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
        properties.load(reader);
      } catch (IOException e) {
        throw new IOException("cannot read the secrets file " + file, e);
      }
      properties
          .stringPropertyNames()
          .forEach(name -> merged.put(name, properties.getProperty(name).strip()));
    }
    return new DemoEnvironment(merged);
  }

  /** The value of {@code name}, if it is set and not blank. */
  public Optional<String> get(String name) {
    String value = values.get(name);
    return value == null || value.isBlank() ? Optional.empty() : Optional.of(value);
  }

  public Map<String, String> asMap() {
    return values;
  }

  @Override
  public String toString() {
    return "DemoEnvironment[" + values.size() + " values, not shown]";
  }
}
