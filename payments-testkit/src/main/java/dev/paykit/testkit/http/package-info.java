/**
 * Fault hooks for HTTP gateways: {@link dev.paykit.testkit.http.FaultProxy}, a loopback proxy in
 * front of a provider's sandbox that loses, cuts, refuses, rate-limits and slows the answers of the
 * calls that move money, and counts each attempt's idempotency key.
 */
package dev.paykit.testkit.http;
