package dev.deployer.api;

/** The server answered with an error, or could not be reached. {@code code} is 0 when there was no answer. */
public class ApiException extends RuntimeException {
    private final int code;

    public ApiException(int code, String message) {
        super(message);
        this.code = code;
    }

    public int code() {
        return code;
    }
}
