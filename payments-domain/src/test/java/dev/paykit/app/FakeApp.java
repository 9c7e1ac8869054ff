package dev.paykit.app;

/** Stands in for the app, which the domain cannot see, in the architecture self-test. */
public final class FakeApp {}
