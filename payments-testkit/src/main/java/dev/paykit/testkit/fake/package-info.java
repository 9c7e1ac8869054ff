/**
 * An in-process payment provider for service tests: idempotent like the reference API, with faults
 * queued per operation, a ledger of what it did, and signed webhooks for every move.
 */
package dev.paykit.testkit.fake;
