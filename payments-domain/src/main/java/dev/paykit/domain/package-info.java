/**
 * The payment domain: money, the payment lifecycle as a state machine, refunds, idempotency rules
 * and the duplicate-order rule. Pure: it uses only {@code java.*}, reads no clock (time is an
 * argument), does no I/O and starts no threads, so every rule here is a function or an immutable
 * value that tests can exercise without mocks.
 */
package dev.paykit.domain;
