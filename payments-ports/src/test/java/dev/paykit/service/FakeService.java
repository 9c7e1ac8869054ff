package dev.paykit.service;

/** Stands for the core's services in the ports' architecture fixtures. */
public final class FakeService {}
