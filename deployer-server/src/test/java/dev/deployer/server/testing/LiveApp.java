package dev.deployer.server.testing;

import dev.deployer.api.AppRequest;
import dev.deployer.api.DeployerClient;
import dev.deployer.testhosts.TestHost;
import dev.deployer.testhosts.TestHosts;
import java.io.IOException;
import java.nio.file.Files;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * One app of an integration test on the real test hosts: nothing of an earlier run left on any host, a real server
 * that knows every host, and the sample repository; {@link #create} makes the app on all hosts from that repository.
 * {@link #close} deletes it and takes it off every host, whatever the test did.
 */
public final class LiveApp implements AutoCloseable {
    private final TestHosts hosts;
    private final String app;
    private final LiveDeployer deployer;
    private final SampleRepo repo;

    private LiveApp(TestHosts hosts, String app, LiveDeployer deployer, SampleRepo repo) {
        this.hosts = hosts;
        this.app = app;
        this.deployer = deployer;
        this.repo = repo;
    }

    public static LiveApp start(TestHosts hosts, String app) throws IOException {
        hosts.forEach(host -> LiveDeployer.removeAppFrom(host, app));
        LiveDeployer deployer = LiveDeployer.start(hosts, Map.of());
        try {
            return new LiveApp(hosts, app, deployer, SampleRepo.create(Files.createTempDirectory(app + "-repo-")));
        } catch (IOException | RuntimeException e) {
            deployer.close();
            throw e;
        }
    }

    /** The app on every host, in their order, watching the sample repository's main; {@code settings} adds the rest. */
    public void create(UnaryOperator<AppRequest> settings) {
        deployer.createApp(settings.apply(AppRequest.create(app, hosts.all().stream().map(TestHost::name).toList())
                .withRepo(repo.url(), "main")));
    }

    public DeployerClient admin() {
        return deployer.admin();
    }

    public LiveDeployer deployer() {
        return deployer;
    }

    public SampleRepo repo() {
        return repo;
    }

    @Override
    public void close() {
        try {
            deployer.admin().deleteApp(app, true);
        } catch (RuntimeException e) {
            // Never created, or the test left it unremovable: the hosts are cleaned below either way.
        } finally {
            try {
                hosts.forEach(host -> LiveDeployer.removeAppFrom(host, app));
            } finally {
                deployer.close();
            }
        }
    }
}
