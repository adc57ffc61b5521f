package dev.deployer.api;

/** {@code DELETE /api/apps/{app}/build-cache}: the app's build caches were deleted; its next build fills them again. */
public record BuildCacheCleared(String app, long freedBytes) {}
