package dev.deployer.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.deployer.api.Json;
import java.io.PrintWriter;
import picocli.CommandLine.Option;

/** {@code --json} for any command that lists or reports: the API's own JSON, pretty-printed, for scripts. */
public class JsonOption {
    @Option(names = "--json", description = "print JSON for scripts instead of a table")
    boolean json;

    public boolean enabled() {
        return json;
    }

    public static void print(PrintWriter out, Object value) {
        try {
            out.println(Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(value));
            out.flush();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot print JSON: " + e.getOriginalMessage(), e);
        }
    }
}
