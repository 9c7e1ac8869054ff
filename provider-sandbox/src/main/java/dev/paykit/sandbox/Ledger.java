package dev.paykit.sandbox;

import java.util.HashMap;
import java.util.Map;

/** Counts what was created, confirmed and refunded; {@link #snapshot()} for readers. */
final class Ledger {

  private final Map<String, int[]> byKey = new HashMap<>();
  private final Map<String, long[]> byCurrency = new HashMap<>();
  private long paymentsCreated;
  private long paymentsConfirmed;
  private long refundsCreated;

  synchronized void paymentCreated(String key, SandboxAmount amount) {
    byKey.computeIfAbsent(key, k -> new int[2])[0]++;
    totals(amount.currency())[0] += amount.value();
    paymentsCreated++;
  }

  synchronized void paymentConfirmed(SandboxAmount amount) {
    totals(amount.currency())[1] += amount.value();
    paymentsConfirmed++;
  }

  synchronized void refundCreated(String key, SandboxAmount amount) {
    byKey.computeIfAbsent(key, k -> new int[2])[1]++;
    totals(amount.currency())[2] += amount.value();
    refundsCreated++;
  }

  private long[] totals(String currency) {
    return byCurrency.computeIfAbsent(currency, c -> new long[3]);
  }

  synchronized LedgerSnapshot snapshot() {
    Map<String, LedgerSnapshot.KeyEntry> keys = new HashMap<>();
    byKey.forEach((k, v) -> keys.put(k, new LedgerSnapshot.KeyEntry(v[0], v[1])));
    Map<String, LedgerSnapshot.CurrencyTotals> totals = new HashMap<>();
    byCurrency.forEach(
        (c, v) -> totals.put(c, new LedgerSnapshot.CurrencyTotals(v[0], v[1], v[2])));
    return new LedgerSnapshot(keys, paymentsCreated, paymentsConfirmed, refundsCreated, totals);
  }
}
