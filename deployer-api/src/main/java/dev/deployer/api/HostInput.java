package dev.deployer.api;

import java.util.regex.Pattern;

/**
 * The one validator for each part of a host, called at the edges (HTTP and CLI). These values
 * end up in SSH connections and messages, so bad input is rejected with what is allowed, never cleaned.
 * <ul>
 *   <li>name: {@code ^[a-z][a-z0-9-]{0,62}$}</li>
 *   <li>address: a DNS name ({@code ^[A-Za-z0-9]([A-Za-z0-9.-]{0,252})$}, no leading '-'), an IPv4 or an IPv6 address</li>
 *   <li>port: 1-65535</li>
 *   <li>user: {@code ^[a-z_][a-z0-9_-]{0,31}$}</li>
 *   <li>fingerprint: {@code SHA256:} and 43 unpadded base64 characters (the prefix may be omitted)</li>
 * </ul>
 */
public final class HostInput {
    private static final Pattern NAME = Pattern.compile("^[a-z][a-z0-9-]{0,62}$");
    private static final Pattern DNS_NAME = Pattern.compile("^[A-Za-z0-9][A-Za-z0-9.-]{0,252}$");
    private static final Pattern IPV6 = Pattern.compile("^[0-9A-Fa-f:.]{2,45}$");
    private static final Pattern USER = Pattern.compile("^[a-z_][a-z0-9_-]{0,31}$");
    private static final Pattern FINGERPRINT = Pattern.compile("^(SHA256:)?[A-Za-z0-9+/]{43}=?$");

    private HostInput() {}

    public static String name(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("host name " + shown(name) + " is not valid: use 1-63 lowercase letters, digits "
                    + "and '-', starting with a letter");
        }
        return name;
    }

    public static String address(String address) {
        if (address == null || !(DNS_NAME.matcher(address).matches() && !address.contains("..") || isIpv6(address))) {
            throw new IllegalArgumentException("address " + shown(address) + " is not valid: give a host name or an IP address, "
                    + "without spaces, user or port");
        }
        return address;
    }

    public static int port(Integer port) {
        if (port == null) {
            return 22;
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port must be between 1 and 65535 (got " + port + ")");
        }
        return port;
    }

    public static String user(String user) {
        if (user == null || user.isEmpty()) {
            return "root";
        }
        if (!USER.matcher(user).matches()) {
            throw new IllegalArgumentException("user " + shown(user) + " is not valid: use up to 32 lowercase letters, digits, "
                    + "'_' and '-', starting with a letter or '_'");
        }
        return user;
    }

    /** Returns the fingerprint as {@code SHA256:...}, or null when none was given. */
    public static String fingerprint(String fingerprint) {
        if (fingerprint == null || fingerprint.isBlank()) {
            return null;
        }
        String value = fingerprint.trim();
        if (!FINGERPRINT.matcher(value).matches()) {
            throw new IllegalArgumentException("fingerprint " + shown(value) + " is not valid: give it as ssh-keygen -lf prints it, "
                    + "e.g. SHA256:uNiVztksCsDhcc0u9e8BujQXVUpKZIDTMczCvj3tD2s");
        }
        value = value.startsWith("SHA256:") ? value : "SHA256:" + value;
        return value.endsWith("=") ? value.substring(0, value.length() - 1) : value;
    }

    private static boolean isIpv6(String address) {
        return address.contains(":") && IPV6.matcher(address).matches();
    }

    /** The rejected input, shortened, with control characters shown as '?', so a message stays one line. */
    private static String shown(String value) {
        if (value == null) {
            return "(none)";
        }
        String cut = value.length() > 40 ? value.substring(0, 40) + "…" : value;
        return "'" + cut.codePoints().map(c -> Character.isISOControl(c) ? '?' : c)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append) + "'";
    }
}
