package dev.deployer.server.hosts;

/** What one app needs from a host it runs on: its port free (or held by its own unit) and at least this java. */
public record AppNeeds(String name, int port, int javaVersion) {}
