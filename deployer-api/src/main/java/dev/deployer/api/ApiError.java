package dev.deployer.api;

/** Every error the API returns: a status code and one sentence a person can act on. */
public record ApiError(int code, String message) {}
