package dev.paykit.domain.dispute;

import dev.paykit.domain.Require;
import dev.paykit.domain.ValidationException;
import java.util.Arrays;

/**
 * A document sent as evidence: a name (1–100 characters) and at most {@value #MAX_BYTES} bytes. The
 * content is copied in and out, and never shown by {@link #toString()}.
 */
public final class EvidenceDocument {
  /** The provider takes documents of at most 4 MiB. */
  public static final int MAX_BYTES = 4 * 1024 * 1024;

  private final String name;
  private final byte[] content;

  /**
   * @param field the document's name in the request, e.g. {@code documents[2]}, for errors
   */
  public EvidenceDocument(String field, String name, byte[] content) {
    this.name = Require.text(field + ".name", name, 1, 100);
    Require.present(field + ".content", content);
    if (content.length == 0) {
      throw new ValidationException(field + ".content", "required", "must not be empty");
    }
    if (content.length > MAX_BYTES) {
      throw new ValidationException(
          field + ".content",
          "too_large",
          "must be at most " + MAX_BYTES + " bytes, has " + content.length);
    }
    this.content = content.clone();
  }

  public String name() {
    return name;
  }

  public byte[] content() {
    return content.clone();
  }

  public int size() {
    return content.length;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof EvidenceDocument that
        && name.equals(that.name)
        && Arrays.equals(content, that.content);
  }

  @Override
  public int hashCode() {
    return 31 * name.hashCode() + Arrays.hashCode(content);
  }

  /** The name and the size only: evidence may hold a customer's personal data. */
  @Override
  public String toString() {
    return "EvidenceDocument[" + name + ", " + content.length + " bytes]";
  }
}
