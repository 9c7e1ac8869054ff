package dev.paykit.adapter;

/** Stands in for an adapter, which the domain cannot see, in the architecture self-test. */
public final class FakeAdapter {}
