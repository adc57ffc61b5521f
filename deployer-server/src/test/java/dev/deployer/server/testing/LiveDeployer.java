package dev.deployer.server.testing;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.deployer.api.AppInfo;
import dev.deployer.api.AppRequest;
import dev.deployer.api.DeployerClient;
import dev.deployer.api.HostRequest;
import dev.deployer.testhosts.TestHost;
import dev.deployer.testhosts.TestHosts;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A real server process that knows the test hosts: its public key is in each host's
 * {@code authorized_keys} and each host is added (key pinned) through the API.
 */
public final class LiveDeployer implements AutoCloseable {
    private final ServerProcess server;
    private final DeployerClient admin;

    private LiveDeployer(ServerProcess server) throws IOException {
        this.server = server;
        this.admin = server.adminClient();
    }

    public static LiveDeployer start(TestHosts hosts, Map<String, String> env) throws IOException {
        Map<String, String> all = new HashMap<>();
        // Builds share this machine's Maven repository, so tests do not download plugins again.
        all.put("DEPLOYER_MAVEN_REPO", Path.of(System.getProperty("user.home"), ".m2", "repository").toString());
        all.putAll(env);
        LiveDeployer deployer = new LiveDeployer(ServerProcess.start(all));
        String key = deployer.admin.sshKey().publicKey();
        for (TestHost host : hosts) {
            authorize(host, key);
            deployer.admin.addHost(new HostRequest(host.name(), host.address(), host.port(), "root", null));
        }
        return deployer;
    }

    /** Adds the server's key for root and the deploy user, once. */
    public static void authorize(TestHost host, String publicKey) {
        for (String home : List.of("/root", "/home/" + host.deployUser())) {
            String file = home + "/.ssh/authorized_keys";
            host.run(List.of("sh", "-c", "grep -qxF \"$1\" \"$2\" || echo \"$1\" >> \"$2\"", "authorize", publicKey, file))
                    .orThrow();
        }
    }

    /**
     * Whatever an earlier run left of {@code app} on {@code host}: its unit or its proxy, both slots and the standby
     * timer (every unit of an app's is {@code deployer-APP.service} or {@code deployer-APP@*}, and no app name holds '@'),
     * its Procfile process units ({@code deployer-APP-TYPE@N}: for a test app whose name another test app's extends,
     * those too),
     * the user, releases and slot links, the env file and {@code /etc/deployer/APP/}.
     */
    public static void removeAppFrom(TestHost host, String app) {
        host.run(List.of("sh", "-c", "systemctl stop \"deployer-$1.service\" \"deployer-$1@*\" \"deployer-$1-*@[0-9]*.service\" 2>/dev/null; "
                + "systemctl disable \"deployer-$1.service\" \"deployer-$1@proxy.service\" \"deployer-$1@a.service\" "
                + "\"deployer-$1@b.service\" >/dev/null 2>&1; userdel \"$1\"; "
                + "rm -rf \"/opt/deployer/$1\" \"/etc/deployer/$1.env\" \"/etc/deployer/$1\" \"/etc/systemd/system/deployer-$1.service\" "
                + "/etc/systemd/system/deployer-\"$1\"@*.service /etc/systemd/system/*.wants/deployer-\"$1\".service "
                + "/etc/systemd/system/*.wants/deployer-\"$1\"@*.service /etc/systemd/system/deployer-\"$1\"-*@.service "
                + "/etc/systemd/system/deployer-\"$1\"-*@[0-9]*.service /etc/systemd/system/*.wants/deployer-\"$1\"-*@[0-9]*.service "
                + "/etc/systemd/system/deployer-\"$1\"@cron-*.timer /etc/systemd/system/*.wants/deployer-\"$1\"@cron-*.timer; "
                + "systemctl daemon-reload; systemctl reset-failed \"deployer-$1.service\" \"deployer-$1@*\" 2>/dev/null; true",
                "remove", app));
    }

    public AppInfo createApp(AppRequest request) {
        return admin.send("POST", "api/apps", request, new TypeReference<>() {});
    }

    public ServerProcess server() {
        return server;
    }

    public DeployerClient admin() {
        return admin;
    }

    @Override
    public void close() {
        server.close();
    }
}
