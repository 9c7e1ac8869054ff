/**
 * Executable port contracts: abstract JUnit 5 suites that every store and gateway implementation
 * extends, the helpers they share, and (in {@code fake}) an in-process provider for service tests.
 */
package dev.paykit.testkit;
