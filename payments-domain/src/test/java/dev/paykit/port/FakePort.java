package dev.paykit.port;

/** Stands in for the ports module, which the domain cannot see, in the architecture self-test. */
public interface FakePort {}
