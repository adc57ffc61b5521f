package dev.deployer.server.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.deployer.server.ssh.HostTarget;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class RollingDeployTest {
    private static List<HostTarget> hosts(int count) {
        return IntStream.rangeClosed(1, count)
                .mapToObj(i -> new HostTarget("web" + i, "10.0.0." + i, 22, "root", "ssh-ed25519 AAAA", "SHA256:x"))
                .toList();
    }

    private static List<List<String>> names(List<List<HostTarget>> batches) {
        return batches.stream().map(b -> b.stream().map(HostTarget::name).toList()).toList();
    }

    @Test
    void firstHostIsACanaryThenAllTheRestAtOnceByDefault() {
        assertThat(names(RollingDeploy.batches(hosts(4), null, true)))
                .containsExactly(List.of("web1"), List.of("web2", "web3", "web4"));
    }

    @Test
    void batchSizeSplitsTheRestAfterTheCanary() {
        assertThat(names(RollingDeploy.batches(hosts(6), 2, true)))
                .containsExactly(List.of("web1"), List.of("web2", "web3"), List.of("web4", "web5"), List.of("web6"));
    }

    @Test
    void singleHostIsOnlyTheCanary() {
        assertThat(names(RollingDeploy.batches(hosts(1), null, true))).containsExactly(List.of("web1"));
    }

    @Test
    void withoutACanaryEveryHostIsInTheFirstBatch() {
        assertThat(names(RollingDeploy.batches(hosts(4), null, false))).containsExactly(List.of("web1", "web2", "web3", "web4"));
        assertThat(names(RollingDeploy.batches(hosts(5), 2, false)))
                .containsExactly(List.of("web1", "web2"), List.of("web3", "web4"), List.of("web5"));
    }
}
