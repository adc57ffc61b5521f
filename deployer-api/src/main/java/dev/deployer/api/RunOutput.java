package dev.deployer.api;

/**
 * A piece of a one-off run's stream ({@code POST /api/apps/{app}/run}): output of the command as it came, or a notice
 * from the deployer (where it runs, output cut). Also the SSE event name: {@code output} or {@code notice}.
 *
 * @param stream {@value #STDOUT}, {@value #STDERR} or {@value #NOTICE}
 * @param text   the command's bytes as UTF-8 text, line breaks included; a notice is one sentence
 */
public record RunOutput(String stream, String text) {
    public static final String STDOUT = "stdout";
    public static final String STDERR = "stderr";
    public static final String NOTICE = "notice";
}
