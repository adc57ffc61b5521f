package dev.deployer.server.hosts;

import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads what preflight's probes print. Pure, so each format is unit-tested on real samples. */
final class ProbeOutput {
    private static final Pattern JAVA_VERSION = Pattern.compile("version \"(\\d+)(?:\\.(\\d+))?[^\"]*\"");

    private ProbeOutput() {}

    /** The major version from {@code java -version}: {@code "1.8.0_392"} is 8, {@code "17.0.9"} is 17, {@code "21"} is 21. */
    static OptionalInt javaMajor(String versionOutput) {
        Matcher matcher = JAVA_VERSION.matcher(versionOutput);
        if (!matcher.find()) {
            return OptionalInt.empty();
        }
        int first = Integer.parseInt(matcher.group(1));
        return OptionalInt.of(first == 1 && matcher.group(2) != null ? Integer.parseInt(matcher.group(2)) : first);
    }

    /** Free space and mount point of the first filesystem in {@code df -P -k} output. */
    record Disk(long availableBytes, String mountedOn) {}

    static Optional<Disk> firstDisk(String dfOutput) {
        return dfOutput.lines().skip(1).map(String::trim).filter(line -> !line.isEmpty()).findFirst().flatMap(line -> {
            String[] columns = line.split("\\s+");
            if (columns.length < 6) {
                return Optional.empty();
            }
            try {
                return Optional.of(new Disk(Long.parseLong(columns[3]) * 1024, columns[5]));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        });
    }

    /** True when {@code ss -H -l -t -n} lists a socket listening on {@code port} (any address, v4 or v6). */
    static boolean listens(String ssOutput, int port) {
        String suffix = ":" + port;
        return ssOutput.lines().map(String::trim).filter(line -> !line.isEmpty()).anyMatch(line -> {
            String[] columns = line.split("\\s+");
            return columns.length >= 4 && columns[3].endsWith(suffix);
        });
    }

    /** Epoch milliseconds printed by {@code date -u +%s%3N}. */
    static OptionalLong epochMillis(String dateOutput) {
        try {
            return OptionalLong.of(Long.parseLong(dateOutput.trim()));
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }

    static String bytes(long bytes) {
        double gib = bytes / (1024.0 * 1024 * 1024);
        return gib >= 1 ? String.format(java.util.Locale.ROOT, "%.1f GiB", gib)
                : String.format(java.util.Locale.ROOT, "%d MiB", bytes / (1024 * 1024));
    }
}
