package dev.paykit.domain.idempotency;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * SHA-256 with one digest per thread. Looking a digest up costs more than hashing a request, and a
 * {@link MessageDigest} must not be shared between threads. A per-thread digest relies only on what
 * the API documents ({@code digest} hashes and resets, so no call sees what another left behind);
 * cloning a shared prototype would rely on {@code clone()} being safe to call concurrently, which
 * is not documented, and on the provider's digest being cloneable, which is optional.
 */
final class Sha256 {
  private static final ThreadLocal<MessageDigest> DIGEST =
      ThreadLocal.withInitial(Sha256::newDigest);

  private Sha256() {}

  static String hex(byte[] bytes) {
    return HexFormat.of().formatHex(DIGEST.get().digest(bytes));
  }

  private static MessageDigest newDigest() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform must provide SHA-256", e);
    }
  }
}
