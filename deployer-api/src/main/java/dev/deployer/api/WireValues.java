package dev.deployer.api;

import java.util.Arrays;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Parsing of the enums whose lower-case values are stored in the database and sent as JSON. */
final class WireValues {
    private WireValues() {}

    /** The constant whose value is exactly {@code value}; anything else is refused, naming what is accepted. */
    static <E extends Enum<E>> E parse(E[] constants, Function<E, String> valueOf, String what, String value) {
        for (E constant : constants) {
            if (valueOf.apply(constant).equals(value)) {
                return constant;
            }
        }
        throw new IllegalArgumentException("unknown " + what + " '" + value + "': expected one of "
                + Arrays.stream(constants).map(valueOf).collect(Collectors.joining(", ")));
    }
}
