package dev.deployer.server.deploy;

import java.util.Locale;

/** Byte counts and shares as the artifact step's events say them: {@code 18 KiB}, {@code 64 MiB}, {@code 0.03 %}. */
final class Sizes {
    private Sizes() {}

    static String bytes(long bytes) {
        if (bytes < 1024) {
            return bytes + " bytes";
        }
        String[] units = {"KiB", "MiB", "GiB"};
        double value = bytes / 1024.0;
        int unit = 0;
        while (value >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        return (value >= 10 ? String.format(Locale.ROOT, "%.0f", value) : String.format(Locale.ROOT, "%.1f", value)) + " " + units[unit];
    }

    /** {@code part} as a percentage of {@code whole}: two decimals below 10 %. */
    static String share(long part, long whole) {
        double percent = whole == 0 ? 0 : 100.0 * part / whole;
        return String.format(Locale.ROOT, percent >= 10 ? "%.0f %%" : "%.2f %%", percent);
    }
}
