package dev.paykit.sandbox;

import java.util.Map;

/**
 * What the sandbox has charged and refunded, so a test can assert that nothing was charged twice.
 * Amounts are in minor units per currency; refunded amounts count every refund created (refunds
 * never fail in the sandbox).
 *
 * @param byIdempotencyKey payments and refunds created per idempotency key
 * @param paymentsCreated payments created in total
 * @param paymentsConfirmed payments that reached {@code confirmed}
 * @param refundsCreated refunds created in total
 * @param totalsByCurrency amounts created, confirmed and refunded per currency
 */
public record LedgerSnapshot(
    Map<String, KeyEntry> byIdempotencyKey,
    long paymentsCreated,
    long paymentsConfirmed,
    long refundsCreated,
    Map<String, CurrencyTotals> totalsByCurrency) {

  public LedgerSnapshot {
    byIdempotencyKey = Map.copyOf(byIdempotencyKey);
    totalsByCurrency = Map.copyOf(totalsByCurrency);
  }

  /** Payments created with {@code idempotencyKey} (0 if none). */
  public int paymentsFor(String idempotencyKey) {
    KeyEntry entry = byIdempotencyKey.get(idempotencyKey);
    return entry == null ? 0 : entry.payments();
  }

  /** Refunds created with {@code idempotencyKey} (0 if none). */
  public int refundsFor(String idempotencyKey) {
    KeyEntry entry = byIdempotencyKey.get(idempotencyKey);
    return entry == null ? 0 : entry.refunds();
  }

  /** The totals for a currency, zeros if it was never used. */
  public CurrencyTotals totals(String currency) {
    return totalsByCurrency.getOrDefault(currency, new CurrencyTotals(0, 0, 0));
  }

  /** How many payments and refunds one idempotency key created. */
  public record KeyEntry(int payments, int refunds) {}

  /** Minor units created, confirmed and refunded in one currency. */
  public record CurrencyTotals(long created, long confirmed, long refunded) {}
}
