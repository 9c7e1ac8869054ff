package dev.paykit.domain.dispute;

import dev.paykit.domain.Require;
import dev.paykit.domain.ValidationException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What the merchant sends to contest a dispute: a text of 1–{@value #MAX_TEXT} characters and at
 * most {@value #MAX_DOCUMENTS} documents, checked here so that nothing too large is ever sent.
 * {@link #toString()} shows sizes, never the text or the documents.
 */
public record Evidence(String text, List<EvidenceDocument> documents) {
  public static final int MAX_TEXT = 20_000;
  public static final int MAX_DOCUMENTS = 5;

  public Evidence {
    Require.present("text", text);
    if (text.isEmpty() || text.length() > MAX_TEXT) {
      throw new ValidationException(
          "text",
          text.isEmpty() ? "required" : "too_long",
          text.isEmpty()
              ? "must not be empty"
              : "must have at most " + MAX_TEXT + " characters, has " + text.length());
    }
    Require.present("documents", documents);
    if (documents.size() > MAX_DOCUMENTS) {
      throw new ValidationException(
          "documents",
          "too_many",
          "at most " + MAX_DOCUMENTS + " documents, has " + documents.size());
    }
    for (int i = 0; i < documents.size(); i++) {
      Require.present("documents[" + i + "]", documents.get(i));
    }
    documents = List.copyOf(documents);
  }

  /**
   * The fields an idempotency fingerprint is made of: the text's and each document's digest, so
   * that the same key with other evidence is recognised without keeping the evidence.
   */
  public Map<String, String> fingerprintFields() {
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("text", digest(text.getBytes(StandardCharsets.UTF_8)));
    fields.put("documents", Integer.toString(documents.size()));
    for (int i = 0; i < documents.size(); i++) {
      EvidenceDocument document = documents.get(i);
      fields.put("documents[" + i + "].name", document.name());
      fields.put("documents[" + i + "].content", digest(document.content()));
    }
    return fields;
  }

  private static String digest(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Evidence that
        && text.equals(that.text)
        && documents.equals(that.documents);
  }

  @Override
  public int hashCode() {
    return Objects.hash(text, documents);
  }

  /** Sizes only: evidence may hold a customer's personal data. */
  @Override
  public String toString() {
    return "Evidence[" + text.length() + " characters, " + documents.size() + " documents]";
  }
}
