package dev.deployer.api;

/** One Server-Sent Event as read from a stream: its {@code event:} name (default "message") and {@code data:}. */
public record ServerSentEvent(String event, String data) {}
