package dev.paykit.domain.dispute;

import static dev.paykit.domain.ValidationAssert.assertRejected;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class EvidenceTest {

  private static EvidenceDocument document(int i, int bytes) {
    return new EvidenceDocument("documents[" + i + "]", "receipt-" + i + ".pdf", new byte[bytes]);
  }

  @Test
  void five_documents_of_four_mebibytes_are_the_most_evidence_can_carry() {
    List<EvidenceDocument> five =
        List.of(
            document(0, EvidenceDocument.MAX_BYTES),
            document(1, 1),
            document(2, 1),
            document(3, 1),
            document(4, 1));

    assertThat(new Evidence("Delivered.", five).documents()).hasSize(5);
    assertRejected(
        () -> new Evidence("Delivered.", Collections.nCopies(6, document(0, 1))),
        "documents",
        "too_many");
    assertRejected(
        () -> document(3, EvidenceDocument.MAX_BYTES + 1), "documents[3].content", "too_large");
  }

  @Test
  void the_text_is_required_and_bounded() {
    assertRejected(() -> new Evidence("", List.of()), "text", "required");
    assertRejected(() -> new Evidence(null, List.of()), "text", "required");
    assertRejected(() -> new Evidence("x".repeat(20_001), List.of()), "text", "too_long");
    assertRejected(
        () -> new EvidenceDocument("documents[0]", "", new byte[1]),
        "documents[0].name",
        "required");
  }

  @Test
  void neither_text_nor_content_shows_in_to_string() {
    Evidence evidence =
        new Evidence(
            "Customer Jane Doe signed",
            List.of(
                new EvidenceDocument(
                    "documents[0]", "a.txt", "secret-content".getBytes(StandardCharsets.UTF_8))));

    assertThat(evidence.toString()).doesNotContain("Jane").doesNotContain("secret");
    assertThat(evidence.documents().get(0).toString())
        .contains("14 bytes")
        .doesNotContain("secret");
  }

  @Test
  void the_fingerprint_changes_with_any_document_byte() {
    Evidence one = new Evidence("t", List.of(document(0, 3)));
    Evidence other =
        new Evidence(
            "t",
            List.of(new EvidenceDocument("documents[0]", "receipt-0.pdf", new byte[] {0, 0, 1})));

    assertThat(one.fingerprintFields())
        .isEqualTo(new Evidence("t", List.of(document(0, 3))).fingerprintFields());
    assertThat(one.fingerprintFields()).isNotEqualTo(other.fingerprintFields());
    assertThat(one.fingerprintFields().toString()).doesNotContain("t,");
  }
}
