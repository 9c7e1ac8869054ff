/**
 * Executable port contracts: abstract JUnit 5 suites that every store, gateway, webhook verifier
 * and webhook parser implementation extends, the helpers they share, the fault hooks a gateway
 * author implements ({@link dev.paykit.testkit.ProviderFaults}, {@link
 * dev.paykit.testkit.ProviderCharges}; for HTTP, {@code http.FaultProxy}), and (in {@code fake}) an
 * in-process provider for service tests.
 */
package dev.paykit.testkit;
