package dev.deployer.server.deploy;

/** What a step returns: a value for the caller and the message its event carries. */
public record StepResult<T>(T value, String message) {}
