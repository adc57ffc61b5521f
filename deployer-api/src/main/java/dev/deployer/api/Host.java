package dev.deployer.api;

import java.time.Instant;
import java.util.List;

/** A host as listed: where it is, as whom the deployer logs in, its pinned key's fingerprint, and the apps on it. */
public record Host(String name, String address, int port, String user, String fingerprint, Instant createdAt,
                   List<String> apps) {}
