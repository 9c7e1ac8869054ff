package dev.paykit.adapter;

/** Stands for an adapter in the core's architecture fixtures. */
public final class FakeAdapter {}
