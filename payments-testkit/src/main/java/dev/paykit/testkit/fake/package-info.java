/**
 * Providers for tests, without a network: {@link dev.paykit.testkit.fake.FakeProvider}, idempotent
 * like the reference API, with faults queued per operation (or per attempt, which its gateway
 * retries as a real one would), a ledger of what it did, and signed webhooks for every move; {@link
 * dev.paykit.testkit.fake.InstantGateway}, which starts every payment at once and remembers
 * nothing, for benchmarks; and {@link dev.paykit.testkit.fake.WebhookSigner}, the reference API's
 * webhook signature.
 */
package dev.paykit.testkit.fake;
