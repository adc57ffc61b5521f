package dev.deployer.server.ssh;

/** An upload either sent {@code bytesSent} bytes, or was skipped because the target already held that sha256. */
public record UploadResult(boolean skipped, long bytesSent) {}
