package dev.paykit.adapter;

/** Stands for an adapter in the ports' architecture fixtures. */
public final class FakeAdapter {}
