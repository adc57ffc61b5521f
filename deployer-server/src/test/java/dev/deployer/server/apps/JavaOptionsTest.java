package dev.deployer.server.apps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class JavaOptionsTest {
    @Test
    void plainJvmOptionsAreAcceptedAndStripped() {
        String options = "  -Xmx1g -XX:+UseG1GC\t-Dkey=value -javaagent:/opt/agent.jar --add-opens=java.base/java.lang=ALL-UNNAMED"
                + " -Dlog.pattern=%d{HH:mm} -ea ";
        assertThat(JavaOptions.check(options)).isEqualTo(options.strip());
        assertThat(JavaOptions.check("")).isEmpty();
    }

    @Test
    void aSecondCommandAfterASemicolonIsRefusedNamingTheWord() {
        assertThatThrownBy(() -> JavaOptions.check("-Xmx1g; rm -rf /"))
                .hasMessage("java options may not contain ';' (in '-Xmx1g;'): systemd would read it as the start of a second command");
        assertThatThrownBy(() -> JavaOptions.check("-Xmx1g ; rm"))
                .hasMessage("java options may not contain ';' (in ';'): systemd would read it as the start of a second command");
        assertThatThrownBy(() -> JavaOptions.check("-Da=b;c")).hasMessageContaining("(in '-Da=b;c')");
    }

    @Test
    void aWordThatIsNotAJvmOptionIsRefusedNamingIt() {
        assertThatThrownBy(() -> JavaOptions.check("-Xmx1g rm -rf /"))
                .hasMessage("java options must each be a JVM option starting with '-', such as -Xmx512m, -XX:+UseG1GC "
                        + "or -Dkey=value: 'rm' is not one");
        assertThatThrownBy(() -> JavaOptions.check("-Xmx64m /tmp/x.jar")).hasMessageEndingWith("'/tmp/x.jar' is not one");
        assertThatThrownBy(() -> JavaOptions.check("@argfile")).hasMessageEndingWith("'@argfile' is not one");
        assertThatThrownBy(() -> JavaOptions.check("-")).hasMessageEndingWith("'-' is not one");
        assertThatThrownBy(() -> JavaOptions.check("--")).hasMessageEndingWith("'--' is not one");
        assertThatThrownBy(() -> JavaOptions.check("-9")).hasMessageEndingWith("'-9' is not one");
    }

    @Test
    void optionsThatChangeWhatRunsAreRefused() {
        for (String word : new String[] {"-jar", "-cp", "-classpath", "--class-path=x", "-m", "--module", "--module=a/b"}) {
            assertThatThrownBy(() -> JavaOptions.check("-Xmx1g " + word))
                    .hasMessage("java options may not set what runs ('" + word + "'): deployer starts the release's jar with -jar itself");
        }
        assertThat(JavaOptions.check("--module-path=/opt/mods")).isEqualTo("--module-path=/opt/mods");
    }

    @Test
    void quotesControlCharactersAndLengthAreRefused() {
        assertThatThrownBy(() -> JavaOptions.check("-Dx=\"y\"")).hasMessageStartingWith("java options may not contain quotes");
        assertThatThrownBy(() -> JavaOptions.check("-Dx=y\n-Dz")).hasMessage("java options may hold only printable ASCII, spaces and tabs");
        assertThatThrownBy(() -> JavaOptions.check("-D" + "x".repeat(2000)))
                .hasMessage("java options are longer than 2000 characters");
    }

    @Test
    void aLongBadWordIsShownCut() {
        assertThatThrownBy(() -> JavaOptions.check("x".repeat(100)))
                .hasMessageEndingWith("'" + "x".repeat(60) + "…' is not one");
    }
}
