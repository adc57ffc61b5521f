package dev.deployer.server.logs;

import java.time.Instant;

/** One journald entry as read from {@code journalctl -o json}: enough to show it and to continue after it. */
record JournalEntry(Instant at, int priority, String message, String cursor) {}
