package dev.deployer.server.remote;

/**
 * The system user an app runs as: created when missing, with no login shell and no home of its
 * own (its state dir is where it may write). The comment marks the account as deployer's, so a
 * deploy can tell its own user from an account of the same name that belongs to something else.
 */
public final class AppUser {
    static final String COMMENT_PREFIX = "deployer app ";

    private AppUser() {}

    /** Prints the passwd line ({@code name:x:uid:gid:comment:home:shell}); exits 2 when there is no such user. */
    public static RemoteCommand lookup(HostLayout layout) {
        return RemoteCommand.of("getent", "passwd", layout.user());
    }

    public static RemoteCommand create(HostLayout layout) {
        return RemoteCommand.of("useradd", "--system", "--user-group", "--no-create-home",
                "--home-dir", layout.stateDir(), "--shell", "/usr/sbin/nologin",
                "--comment", COMMENT_PREFIX + layout.app(), "--", layout.user());
    }

    /** Whether a {@link #lookup} line is the user {@link #create} made: a system account deployer owns, never root. */
    public static boolean isDeployers(HostLayout layout, String passwdLine) {
        String[] fields = passwdLine.strip().split(":", -1);
        return fields.length == 7 && fields[0].equals(layout.user()) && !fields[2].equals("0")
                && fields[4].equals(COMMENT_PREFIX + layout.app());
    }
}
