package dev.paykit.app;

import java.util.Locale;

/** Where the demo keeps payments: in memory, in an embedded H2 file, or in PostgreSQL. */
public enum StoreKind {
  MEMORY,
  H2,
  POSTGRES;

  /** The value of {@code --store}. */
  public String flag() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * @throws IllegalArgumentException naming the allowed values
   */
  public static StoreKind fromFlag(String value) {
    for (StoreKind kind : values()) {
      if (kind.flag().equalsIgnoreCase(value.strip())) {
        return kind;
      }
    }
    throw new IllegalArgumentException("unknown store '" + value + "'; use memory, h2 or postgres");
  }

  /** The store a JDBC URL points at, so that {@code --db} alone is enough. */
  public static StoreKind ofUrl(String jdbcUrl) {
    String url = jdbcUrl.toLowerCase(Locale.ROOT);
    if (url.startsWith("jdbc:postgresql:")) {
      return POSTGRES;
    }
    if (url.startsWith("jdbc:h2:")) {
      return H2;
    }
    throw new IllegalArgumentException(
        "the demo's database URL must be jdbc:postgresql:... or jdbc:h2:...");
  }
}
