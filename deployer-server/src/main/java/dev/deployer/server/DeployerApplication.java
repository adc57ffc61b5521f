package dev.deployer.server;

import dev.deployer.server.apps.AppDao;
import dev.deployer.server.apps.AppService;
import dev.deployer.server.apps.AppsResource;
import dev.deployer.server.audit.AuditDao;
import dev.deployer.server.audit.AuditLog;
import dev.deployer.server.audit.AuditResource;
import dev.deployer.server.auth.Authentication;
import dev.deployer.server.auth.TokenDao;
import dev.deployer.server.auth.TokenService;
import dev.deployer.server.auth.TokensResource;
import dev.deployer.server.auth.WhoAmIResource;
import dev.deployer.server.build.ArtifactDao;
import dev.deployer.server.build.ArtifactStore;
import dev.deployer.server.build.BuildCacheResource;
import dev.deployer.server.build.BuildConfinement;
import dev.deployer.server.build.Builder;
import dev.deployer.server.build.ProcessFactory;
import dev.deployer.server.build.SandboxCheck;
import dev.deployer.server.build.SandboxHealthCheck;
import dev.deployer.server.config.ConfigDao;
import dev.deployer.server.config.ConfigResource;
import dev.deployer.server.config.ConfigVars;
import dev.deployer.server.config.RotateMasterKeyCommand;
import dev.deployer.server.db.Database;
import dev.deployer.server.db.DbCommand;
import dev.deployer.server.deploy.AppLockDao;
import dev.deployer.server.deploy.AppLocks;
import dev.deployer.server.deploy.AppStatusReader;
import dev.deployer.server.deploy.DeployResource;
import dev.deployer.server.deploy.DryRun;
import dev.deployer.server.deploy.DeploymentDao;
import dev.deployer.server.deploy.DeploymentEvents;
import dev.deployer.server.deploy.DeploymentObserver;
import dev.deployer.server.deploy.DeploymentHistory;
import dev.deployer.server.deploy.DeploymentHistoryDao;
import dev.deployer.server.deploy.Deployments;
import dev.deployer.server.deploy.AppDeploymentsResource;
import dev.deployer.server.deploy.DeploymentsResource;
import dev.deployer.server.deploy.HealthGate;
import dev.deployer.server.deploy.DeltaTransfer;
import dev.deployer.server.deploy.HostRollout;
import dev.deployer.server.deploy.JarPatches;
import dev.deployer.server.deploy.ReleaseFlow;
import dev.deployer.server.deploy.ReleasesResource;
import dev.deployer.server.deploy.Retention;
import dev.deployer.server.deploy.RollbackResource;
import dev.deployer.server.deploy.ScaleResource;
import dev.deployer.server.deploy.ReleasePhase;
import dev.deployer.server.deploy.ProcessRollout;
import dev.deployer.server.deploy.RollingDeploy;
import dev.deployer.server.deploy.SlotRollout;
import dev.deployer.server.deploy.PsReader;
import dev.deployer.server.deploy.PsResource;
import dev.deployer.server.deploy.StatusResource;
import dev.deployer.server.deploy.UnitRemoval;
import dev.deployer.server.remote.DeltaCommands;
import dev.deployer.server.git.GitAccess;
import dev.deployer.server.git.GitEndpoint;
import dev.deployer.server.git.PushDeploy;
import dev.deployer.server.git.RepoWatcher;
import dev.deployer.server.git.WebhookResource;
import dev.deployer.server.hosts.HostDao;
import dev.deployer.server.hosts.HostService;
import dev.deployer.server.hosts.HostsResource;
import dev.deployer.server.hosts.Preflight;
import dev.deployer.server.http.JsonErrors;
import dev.deployer.server.http.PathValues;
import dev.deployer.server.http.RequestBodyLimit;
import dev.deployer.server.http.StreamLimit;
import dev.deployer.server.http.VersionResource;
import dev.deployer.server.http.WebUiResource;
import dev.deployer.server.logs.LogService;
import dev.deployer.server.logs.LogsResource;
import dev.deployer.server.metrics.DeploymentMetrics;
import dev.deployer.server.metrics.MetricsEndpoint;
import dev.deployer.server.notify.HttpWebhookSender;
import dev.deployer.server.notify.NotificationBody;
import dev.deployer.server.notify.NotificationsResource;
import dev.deployer.server.notify.Notifier;
import dev.deployer.server.notify.WebhookDao;
import dev.deployer.server.notify.WebhookDelivery;
import dev.deployer.server.notify.Webhooks;
import dev.deployer.server.releases.ReleaseDao;
import dev.deployer.server.releases.ReleaseService;
import dev.deployer.server.repos.AppRepositories;
import dev.deployer.server.run.OneOffRuns;
import dev.deployer.server.run.RunResource;
import dev.deployer.server.secrets.MasterKey;
import dev.deployer.server.secrets.SecretBox;
import dev.deployer.server.settings.BuildLimits;
import dev.deployer.server.settings.DeployerConfiguration;
import dev.deployer.server.settings.Limits;
import dev.deployer.server.settings.Settings;
import dev.deployer.server.ssh.ServerKeyPair;
import dev.deployer.server.ssh.SshHosts;
import dev.deployer.server.ssh.SshKeyHealthCheck;
import dev.deployer.server.ssh.SshKeyResource;
import dev.deployer.server.ssh.SshLimits;
import dev.deployer.server.storage.DataDir;
import dev.deployer.server.storage.DataDirHealthCheck;
import io.dropwizard.core.Application;
import io.dropwizard.core.server.DefaultServerFactory;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.core.setup.Environment;
import io.dropwizard.db.DataSourceFactory;
import io.dropwizard.db.ManagedDataSource;
import io.dropwizard.jdbi3.JdbiFactory;
import io.dropwizard.jetty.HttpConnectorFactory;
import io.dropwizard.lifecycle.Managed;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterRegistration;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import org.eclipse.jetty.util.component.LifeCycle;
import org.jdbi.v3.core.Jdbi;

/** Wires the server by hand: every part is built here, from constructors only. */
public class DeployerApplication extends Application<DeployerConfiguration> {
    private final Map<String, String> env;

    public DeployerApplication(Map<String, String> env) {
        this.env = env;
    }

    public static void main(String[] args) throws Exception {
        new DeployerApplication(System.getenv()).run(args.length == 0 ? new String[] {"server"} : args);
    }

    @Override
    public String getName() {
        return "deployer";
    }

    @Override
    public void initialize(Bootstrap<DeployerConfiguration> bootstrap) {
        bootstrap.getObjectMapper().disable(com.fasterxml.jackson.databind.SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    }

    @Override
    protected void addDefaultCommands(Bootstrap<DeployerConfiguration> bootstrap) {
        bootstrap.addCommand(new DeployerServerCommand(this));
        bootstrap.addCommand(new DbCommand(env));
        bootstrap.addCommand(new RotateMasterKeyCommand(env));
        bootstrap.addCommand(new CheckCommand(env));
    }

    @Override
    public void run(DeployerConfiguration configuration, Environment environment) {
        Settings settings = Settings.resolve(configuration, env);
        applyPorts(configuration, settings);
        Clock clock = Clock.systemUTC();

        DataDir dataDir = DataDir.open(settings.dataDir());
        SecretBox secrets = new SecretBox(MasterKey.load(settings.masterKey(), dataDir));
        ServerKeyPair keyPair = ServerKeyPair.loadOrCreate(dataDir);

        Jdbi jdbi = openDatabase(settings, dataDir, environment);

        TokenService tokens = new TokenService(jdbi.onDemand(TokenDao.class), clock);
        AuditLog audit = new AuditLog(jdbi.onDemand(AuditDao.class), clock);
        ConfigVars configVars = new ConfigVars(jdbi.onDemand(ConfigDao.class), secrets, clock);
        SshHosts ssh = new SshHosts(keyPair, SshLimits.defaults());
        environment.lifecycle().manage(new Managed() {
            @Override
            public void stop() {
                ssh.close();
            }
        });
        HostService hosts = new HostService(jdbi.onDemand(HostDao.class), ssh, new Preflight(ssh, clock), clock);
        Webhooks webhooks = new Webhooks(jdbi.onDemand(WebhookDao.class), secrets, globalWebhooks(settings), clock);
        AppService apps = new AppService(jdbi.onDemand(AppDao.class), appId -> {
            configVars.forget(appId);
            webhooks.forget(appId);
        }, secrets, new UnitRemoval(ssh, hosts::target),
                settings.allowLocalRepos(), clock);
        tokens.bootstrapAdmin(dataDir).ifPresent(token -> announceAdminToken(token, dataDir));

        // Deployments: one thread per running deployment, a shared pool for per-host work.
        ExecutorService deploymentThreads = environment.lifecycle().executorService("deployment-%d").minThreads(16).maxThreads(16).build();
        ExecutorService hostWork = environment.lifecycle().executorService("host-work-%d").minThreads(32).maxThreads(32).build();
        ArtifactStore artifacts = new ArtifactStore(jdbi.onDemand(ArtifactDao.class), dataDir.artifacts(), clock);
        BuildConfinement confinement = buildConfinement(settings, dataDir, env);
        Builder builder = new Builder(artifacts, dataDir, settings.mavenRepository().orElse(dataDir.mavenRepository()),
                settings.buildConcurrency(), env, ProcessFactory.SYSTEM, confinement,
                BuildLimits.resolve(env, settings.dataDir()).diskBytes());
        ReleaseDao releaseDao = jdbi.onDemand(ReleaseDao.class);
        DeploymentDao deploymentDao = jdbi.onDemand(DeploymentDao.class);
        DeploymentEvents events = new DeploymentEvents(deploymentDao, clock);
        HealthGate health = new HealthGate(ssh, Duration.ofSeconds(3), Duration.ofMillis(100));
        // Delta transfer: a host holding an earlier release gets a zstd patch against it instead of the whole jar.
        DeltaTransfer delta = new DeltaTransfer(ssh, artifacts, new JarPatches(ProcessFactory.SYSTEM, DeltaCommands.ZSTD,
                dataDir.root().resolve("patches"), Duration.ofSeconds(60)));
        SlotRollout slotRollout = new SlotRollout(ssh, health, clock);
        RollingDeploy rolling = new RollingDeploy(new HostRollout(ssh, health, delta), slotRollout,
                new ProcessRollout(ssh, Duration.ofSeconds(2)), new ReleasePhase(ssh, ReleasePhase.LIMIT), deploymentDao, hostWork, clock);
        AppLocks appLocks = new AppLocks(jdbi.onDemand(AppLockDao.class), dataDir.instanceId(), clock);
        Deployments deployments = new Deployments(apps, hosts::target, releaseDao, deploymentDao, events, rolling, configVars,
                new Retention(ssh, releaseDao, artifacts, hostWork), deploymentThreads, appLocks, clock);
        PrometheusRegistry prometheus = new PrometheusRegistry();
        deployments.observe(DeploymentObserver.all(notifier(environment, settings, webhooks, clock), new DeploymentMetrics(prometheus)));
        // Waiting deployments, this server's heartbeat, and deployments of servers that stopped: one small thread.
        deployments.startTicking(environment.lifecycle().scheduledExecutorService("deployment-ticks").threads(1).build());
        environment.lifecycle().manage(new DeploymentHistory(jdbi.onDemand(DeploymentHistoryDao.class),
                Duration.ofDays(settings.limits().retentionDays()),
                environment.lifecycle().scheduledExecutorService("deployment-history-%d").threads(1).build(), clock));
        AppRepositories repositories = new AppRepositories(dataDir);
        ExecutorService statusReads = statusReads(environment);
        ReleaseService releaseService = new ReleaseService(releaseDao, configVars, clock);
        DryRun dryRun = new DryRun(repositories, builder, artifacts, releaseService, configVars, deployments, hosts::target, ssh,
                slotRollout, delta, hostWork);
        ReleaseFlow flow = new ReleaseFlow(apps, deployments, releaseService, configVars,
                artifacts, repositories, builder, new AppStatusReader(ssh, hosts::target, statusReads));
        LogService logs = new LogService(ssh, hosts::target, clock);
        MetricsEndpoint.register(environment.admin(), environment.metrics(), prometheus,
                new MetricsEndpoint.Sources(logs::followers, logs::feeds, ssh.lastLogins()::snapshot));
        // Closed when the server starts stopping, before ssh: Jetty would otherwise wait 30 s for each open log stream.
        environment.lifecycle().addEventListener(new LifeCycle.Listener() {
            @Override
            public void lifeCycleStopping(LifeCycle event) {
                logs.close();
            }
        });

        // Streamed answers (deployment events) go out as they are flushed, not once 8 KiB have gathered.
        environment.jersey().property(org.glassfish.jersey.server.ServerProperties.OUTBOUND_CONTENT_LENGTH_BUFFER, 0);
        Authentication.register(environment, tokens);
        JsonErrors.register(environment);
        environment.jersey().register(new PathValues());
        registerLimits(environment, settings.limits());
        environment.jersey().register(new VersionResource());
        environment.jersey().register(new WebUiResource());
        environment.jersey().register(new SshKeyResource(keyPair));
        environment.jersey().register(new TokensResource(tokens, audit));
        environment.jersey().register(new WhoAmIResource());
        environment.jersey().register(new AuditResource(audit));
        environment.jersey().register(new HostsResource(hosts, audit));
        environment.jersey().register(new AppsResource(apps, audit));
        environment.jersey().register(new ConfigResource(apps, configVars, flow, audit));
        environment.jersey().register(new BuildCacheResource(builder, name -> apps.find(name).isPresent(), audit));
        environment.jersey().register(new DeployResource(flow, dryRun, audit));
        environment.jersey().register(new RollbackResource(flow, audit));
        environment.jersey().register(new ScaleResource(flow, audit));
        environment.jersey().register(new ReleasesResource(flow));
        environment.jersey().register(new StatusResource(flow));
        environment.jersey().register(new PsResource(flow, deployments, new PsReader(ssh, hosts::target, statusReads)));
        environment.jersey().register(new DeploymentsResource(deployments, events, environment.getObjectMapper()));
        environment.jersey().register(new AppDeploymentsResource(apps, deployments));
        environment.jersey().register(new NotificationsResource(apps, webhooks, audit));
        environment.jersey().register(new LogsResource(apps, logs, environment.getObjectMapper(), clock));
        environment.jersey().register(new RunResource(apps, new OneOffRuns(ssh, hosts::target, deployments::current, audit),
                environment.getObjectMapper()));

        registerGit(environment, settings, tokens, apps, repositories, deployments, flow, audit);

        environment.healthChecks().register("data-dir", new DataDirHealthCheck(dataDir));
        environment.healthChecks().register("ssh-key", new SshKeyHealthCheck(keyPair));
        environment.healthChecks().register("build-sandbox", new SandboxHealthCheck(confinement));
    }

    /** Probed once per start (and by {@code check}); said in the log at every start, a warning unless sandboxed. */
    static BuildConfinement buildConfinement(Settings settings, DataDir dataDir, Map<String, String> env) {
        BuildConfinement confinement = SandboxCheck.probe(BuildLimits.resolve(env, settings.dataDir()), env,
                dataDir.workspaces(), java.util.Optional.of(settings.mavenRepository().orElse(dataDir.mavenRepository())),
                ProcessFactory.SYSTEM);
        org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(DeployerApplication.class);
        if (confinement.isSandboxed()) {
            log.info("{}", confinement.description());
        } else {
            log.warn("{}", confinement.description());
        }
        return confinement;
    }

    /** Webhooks told of deployments: off the deployments' threads, 3 tries (1 s, then 4 s apart), 5 s timeouts. */
    private static Notifier notifier(Environment environment, Settings settings, Webhooks webhooks, Clock clock) {
        WebhookDelivery delivery = new WebhookDelivery(new HttpWebhookSender(Duration.ofSeconds(5)),
                environment.lifecycle().scheduledExecutorService("notify-%d").threads(4).build(),
                java.util.List.of(Duration.ofSeconds(1), Duration.ofSeconds(4)), 1000);
        Notifier notifier = new Notifier(webhooks, new NotificationBody(settings.publicUrl()), delivery, clock);
        environment.lifecycle().manage(new Managed() {
            @Override
            public void stop() {
                notifier.close();
            }
        });
        return notifier;
    }

    /** DEPLOYER_NOTIFY_URLS, checked at start; the log names each by its masked form only. */
    private static java.util.List<Webhooks.Target> globalWebhooks(Settings settings) {
        java.util.List<Webhooks.Target> global;
        try {
            global = Webhooks.global(settings.notifyUrls());
        } catch (IllegalArgumentException e) {
            throw new dev.deployer.server.settings.StartupException(Settings.NOTIFY_URLS + " " + e.getMessage()
                    + " (entries are URL or slack:URL, separated by spaces or commas).");
        }
        if (!global.isEmpty()) {
            org.slf4j.LoggerFactory.getLogger(DeployerApplication.class).info("Notifying {} global webhook(s) of every deployment: {}",
                    global.size(), global.stream().map(t -> t.id() + " " + t.format().value() + " " + t.masked()).toList());
        }
        return global;
    }

    /** Request bodies (the API's and webhooks') and open event streams, bounded; git pushes have a per-app pack limit. */
    private static void registerLimits(Environment environment, Limits limits) {
        environment.jersey().register(new RequestBodyLimit(limits.maxRequestBytes()));
        FilterRegistration.Dynamic streams = environment.servlets().addFilter("stream-limit",
                new StreamLimit(limits.streams(), limits.streamsPerToken(), StreamLimit::apiStream, environment.getObjectMapper()));
        streams.setAsyncSupported(true); // the logs stream is an async answer
        streams.addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST), true, "/api/*");
    }

    /** Status reads' own small pool: they cannot take the deploys' threads nor most of a host's SSH sessions. */
    private static ExecutorService statusReads(Environment environment) {
        return environment.lifecycle().executorService("status-read-%d").minThreads(AppStatusReader.THREADS)
                .maxThreads(AppStatusReader.THREADS).workQueue(new java.util.concurrent.ArrayBlockingQueue<>(AppStatusReader.QUEUE))
                .rejectedExecutionHandler(new java.util.concurrent.ThreadPoolExecutor.AbortPolicy()).build();
    }

    /** Reachable, migrated, pooled: or the start stops with one sentence. */
    private static Jdbi openDatabase(Settings settings, DataDir dataDir, Environment environment) {
        DataSourceFactory dataSourceFactory = Database.dataSourceFactory(settings, dataDir);
        Database.probe(dataSourceFactory, settings);
        ManagedDataSource dataSource = dataSourceFactory.build(environment.metrics(), "database");
        Database.migrate(dataSource, settings);
        return new JdbiFactory().build(environment, dataSourceFactory, dataSource, "database");
    }

    /** The ways code arrives: git push to /git/APP.git, and watched repo URLs (polled, or woken by /hooks/APP). */
    private static void registerGit(Environment environment, Settings settings, TokenService tokens, AppService apps,
                                    AppRepositories repositories, Deployments deployments, ReleaseFlow flow, AuditLog audit) {
        RepoWatcher watcher = new RepoWatcher(apps, repositories, flow, deployments,
                environment.lifecycle().scheduledExecutorService("repo-watch-%d").threads(2).build(),
                Duration.ofSeconds(settings.pollIntervalSeconds()));
        environment.lifecycle().manage(watcher);
        environment.jersey().register(new WebhookResource(apps, watcher));
        GitEndpoint git = new GitEndpoint(apps, repositories, new PushDeploy(apps, deployments, flow, audit));
        environment.servlets().addFilter("git-access", new GitAccess(tokens)).addMappingForUrlPatterns(null, false, "/git/*");
        environment.servlets().addServlet("git", git).addMapping("/git/*");
    }

    private static void applyPorts(DeployerConfiguration configuration, Settings settings) {
        if (configuration.getServerFactory() instanceof DefaultServerFactory server) {
            server.getApplicationConnectors().stream().filter(HttpConnectorFactory.class::isInstance).findFirst()
                    .ifPresent(connector -> {
                        ((HttpConnectorFactory) connector).setPort(settings.port());
                        // A git push waits for its build and deploy; a quiet health wait must not cut it.
                        ((HttpConnectorFactory) connector).setIdleTimeout(io.dropwizard.util.Duration.minutes(20));
                    });
            // The admin port (metrics, health, thread dumps, tasks) has no authentication: loopback unless told otherwise.
            server.getAdminConnectors().stream().filter(HttpConnectorFactory.class::isInstance).findFirst()
                    .ifPresent(connector -> {
                        HttpConnectorFactory admin = (HttpConnectorFactory) connector;
                        admin.setPort(settings.adminPort());
                        admin.setBindHost(settings.adminBindOr(admin.getBindHost()));
                    });
        }
    }

    /** Printed once, on the console only: the log never carries a token. */
    private static void announceAdminToken(String token, DataDir dataDir) {
        System.out.println();
        System.out.println("  First start: created the admin API token (shown only this once; also in "
                + dataDir.adminToken() + ", mode 0600):");
        System.out.println("    " + token);
        System.out.println();
    }
}
