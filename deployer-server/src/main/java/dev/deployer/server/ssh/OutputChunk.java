package dev.deployer.server.ssh;

/** A piece of a remote command's output as it arrived: from stderr or stdout, decoded as UTF-8, never empty. */
public record OutputChunk(boolean stderr, String text) {}
