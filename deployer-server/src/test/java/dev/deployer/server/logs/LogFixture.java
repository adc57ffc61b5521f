package dev.deployer.server.logs;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.deployer.api.AppRequest;
import dev.deployer.api.DeployerClient;
import dev.deployer.api.HostRequest;
import dev.deployer.server.testing.LiveDeployer;
import dev.deployer.server.testing.ServerProcess;
import dev.deployer.testhosts.TestHost;
import java.util.Map;

/**
 * A real server that knows the logs tests' own hosts: lg1 and lg3 as root, lg2 as the non-root
 * deploy user (so the sudo path is covered), with an app whose stand-in unit runs on all of them.
 */
final class LogFixture implements AutoCloseable {
    final LogTestHosts hosts;
    final ServerProcess server;
    final DeployerClient admin;

    private LogFixture(LogTestHosts hosts, ServerProcess server) throws Exception {
        this.hosts = hosts;
        this.server = server;
        this.admin = server.adminClient();
        String key = admin.sshKey().publicKey();
        for (TestHost host : hosts.all()) {
            LiveDeployer.authorize(host, key);
            String user = host.name().equals("lg2") ? host.deployUser() : host.rootUser();
            admin.addHost(new HostRequest(host.name(), host.address(), host.port(), user, null));
        }
    }

    static LogFixture start() throws Exception {
        LogTestHosts hosts = LogTestHosts.up(3);
        try {
            return new LogFixture(hosts, ServerProcess.start(Map.of()));
        } catch (Exception | Error e) {
            hosts.close();
            throw e;
        }
    }

    /** Creates the app on all hosts and (re)starts its stand-in unit on each. */
    LogTestUnit app(String name) {
        admin.send("POST", "api/apps", AppRequest.create(name, hosts.all().stream().map(TestHost::name).toList()),
                new TypeReference<Void>() {});
        LogTestUnit unit = new LogTestUnit(name);
        hosts.all().forEach(unit::start);
        return unit;
    }

    @Override
    public void close() {
        server.close();
        hosts.close();
    }
}
