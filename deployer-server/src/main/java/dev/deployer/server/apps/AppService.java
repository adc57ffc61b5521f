package dev.deployer.server.apps;

import dev.deployer.api.AppName;
import dev.deployer.api.AppRequest;
import dev.deployer.api.Names;
import dev.deployer.server.apps.AppDao.AppRow;
import dev.deployer.server.errors.Conflict;
import dev.deployer.server.errors.DomainException;
import dev.deployer.server.errors.HostFailure;
import dev.deployer.server.errors.InvalidInput;
import dev.deployer.server.errors.NotFound;
import dev.deployer.server.secrets.Secret;
import dev.deployer.server.secrets.SecretBox;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.JdbiException;

/** Creating, changing and deleting apps. Failures a caller can fix are domain exceptions (invalid input, not found, conflict, host failure). */
public class AppService {
    /** The answer of a change: the app, and a webhook secret in plain text only when one was just made. */
    public record Saved(App app, String newWebhookSecret, List<String> changedFields) {}

    private final AppDao dao;
    private final AppData config;
    private final SecretBox box;
    private final AppRemover remover;
    private final boolean allowLocalRepos;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    /** Local repo URLs (paths, file://) refused: the default. */
    public AppService(AppDao dao, AppData config, SecretBox box, AppRemover remover, Clock clock) {
        this(dao, config, box, remover, false, clock);
    }

    /** {@code allowLocalRepos}: {@code DEPLOYER_ALLOW_LOCAL_REPOS}, for tests and single-machine setups. */
    public AppService(AppDao dao, AppData config, SecretBox box, AppRemover remover, boolean allowLocalRepos, Clock clock) {
        this.dao = dao;
        this.config = config;
        this.box = box;
        this.remover = remover;
        this.allowLocalRepos = allowLocalRepos;
        this.clock = clock;
    }

    public List<App> list() {
        return dao.listLive().stream().map(this::toApp).toList();
    }

    /** The live app of that name: 400 for a name that can't be one, 404 when there is none. */
    public App require(String name) {
        return find(name).orElseThrow(() -> new NotFound("no app named " + name));
    }

    /** The live app of a name already checked at the edge: 404 when there is none. */
    public App require(AppName name) {
        return require(name.value());
    }

    public Optional<App> find(String name) {
        validName(name);
        return dao.findLive(name).map(this::toApp);
    }

    /** Creates the app, or revives a deleted one of that name with its release history. */
    public Saved create(AppRequest request) {
        String name = validName(request.name());
        List<Long> hostIds = hostIds(request.hosts());
        Optional<AppRow> existing = dao.findAny(name);
        if (existing.isPresent() && existing.get().deletedAt() == null) {
            throw new Conflict("an app named " + name + " already exists");
        }
        String secret = newWebhookSecret();
        AppRow row = InvalidInput.check(() -> AppFields.forCreate(name, request, box.seal(Secret.of(secret)), now(),
                allowLocalRepos));
        try {
            if (existing.isPresent()) {
                row = withId(row, existing.get().id());
                dao.updateWithHosts(row, hostIds);
            } else {
                row = withId(row, dao.insertWithHosts(row, hostIds));
            }
        } catch (JdbiException e) {
            if (dao.findLive(name).isPresent()) {
                throw new Conflict("an app named " + name + " already exists");
            }
            throw e;
        }
        return new Saved(toApp(row), secret, List.of());
    }

    public Saved update(String name, AppRequest request) {
        AppRow current = dao.findLive(validName(name)).orElseThrow(() -> new NotFound("no app named " + name));
        App before = toApp(current);
        if (request.name() != null && !request.name().equals(name)) {
            throw new InvalidInput("apps cannot be renamed: create a new app and delete this one");
        }
        AppRow row = InvalidInput.check(() -> AppFields.merged(current, request, allowLocalRepos));
        String secret = null;
        if (Boolean.TRUE.equals(request.rotateWebhookSecret())) {
            secret = newWebhookSecret();
            row = withSecret(row, box.seal(Secret.of(secret)));
        }
        List<String> hosts = request.hosts() == null ? before.hosts() : request.hosts();
        List<Long> hostIds = hostIds(hosts);
        takeOffDroppedHosts(before, hosts);
        dao.updateWithHosts(row, hostIds);
        App after = toApp(row);
        return new Saved(after, secret, AppDiff.changedFields(before, after, secret != null));
    }

    /** Takes the app off its hosts, then forgets it; without {@code purge} its release history stays. */
    public App delete(String name, boolean purge) {
        AppRow row = (purge ? dao.findAny(validName(name)) : dao.findLive(validName(name)))
                .orElseThrow(() -> new NotFound("no app named " + name));
        App app = toApp(row);
        if (row.deletedAt() == null) {
            takeOffHosts(app, purge);
        }
        if (purge) {
            dao.purge(row.id());
        } else {
            dao.markDeleted(row.id(), now());
            config.forget(row.id());
        }
        return app;
    }

    /** A host that cannot be cleaned up keeps the app in place, so the delete can simply be retried. */
    private void takeOffHosts(App app, boolean purge) {
        try {
            remover.remove(app, purge);
        } catch (DomainException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new HostFailure("app " + app.name() + " was not deleted: " + e.getMessage()
                    + "; fix or remove the host, then delete again");
        }
    }

    /**
     * A host dropped from the app gets its unit stopped and removed, and its env file (which holds the
     * config values) deleted, before the new host list is stored; release files stay, as after a delete.
     * A host that cannot be cleaned keeps everything as it was, so the change can be retried.
     */
    private void takeOffDroppedHosts(App before, List<String> hosts) {
        List<String> dropped = before.hosts().stream().filter(host -> !hosts.contains(host)).toList();
        if (dropped.isEmpty()) {
            return;
        }
        App onDropped = new App(before.id(), before.name(), before.repoUrl(), before.branch(), before.port(),
                before.javaOptions(), before.javaVersion(), before.healthPath(), before.healthTimeoutSeconds(),
                before.buildCommand(), before.artifactPath(), before.buildTimeoutSeconds(), before.keepReleases(),
                before.batchSize(), dropped, before.createdAt(), before.maxPushMib());
        try {
            remover.remove(onDropped, false);
        } catch (DomainException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new HostFailure("app " + before.name() + " was not changed: " + e.getMessage()
                    + "; fix the host, then change the app's hosts again");
        }
    }

    /** The key that signs the app's push webhooks (check with {@link SecretBox#hmacSha256}). */
    public Secret webhookSecret(String app) {
        return box.open(dao.findLive(validName(app)).orElseThrow(() -> new NotFound("no app named " + app))
                .webhookSecret());
    }

    private static String validName(String name) {
        return InvalidInput.check(() -> Names.appName(name));
    }

    /** Host ids in the given order; each name must be a known host, and an app needs at least one. */
    private List<Long> hostIds(List<String> names) {
        List<Long> ids = new ArrayList<>();
        for (String host : InvalidInput.check(() -> AppFields.hosts(names))) {
            ids.add(dao.hostId(host).orElseThrow(() -> new InvalidInput("no host named " + printable(host)
                    + ": add it first with 'deployer hosts add'")));
        }
        return ids;
    }

    private static String printable(String text) {
        String shown = text == null ? "(none)" : text.length() > 64 ? text.substring(0, 64) + "…" : text;
        return shown.codePoints().map(c -> Character.isISOControl(c) ? '?' : c)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
    }

    /** Microseconds: what both databases keep, so an app read back equals the one returned. */
    private java.time.Instant now() {
        return clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MICROS);
    }

    private String newWebhookSecret() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    private App toApp(AppRow r) {
        return new App(r.id(), r.name(), r.repoUrl(), r.branch(), r.port(), r.javaOptions(), r.javaVersion(),
                r.healthPath(), r.healthTimeoutSeconds(), r.buildCommand(), r.artifactPath(), r.buildTimeoutSeconds(),
                r.keepReleases(), r.batchSize(), r.id() == 0 ? List.of() : dao.hostNames(r.id()), r.createdAt(), r.maxPushMib(),
                r.secretsOnPush(), r.strategy(), r.drainSeconds(), r.standbySeconds(), r.canary());
    }

    private static AppRow withId(AppRow r, long id) {
        return new AppRow(id, r.name(), r.repoUrl(), r.branch(), r.port(), r.javaOptions(), r.javaVersion(),
                r.healthPath(), r.healthTimeoutSeconds(), r.buildCommand(), r.artifactPath(), r.buildTimeoutSeconds(),
                r.keepReleases(), r.batchSize(), r.webhookSecret(), r.createdAt(), null, r.maxPushMib(), r.secretsOnPush(),
                r.strategy(), r.drainSeconds(), r.standbySeconds(), r.canary());
    }

    private static AppRow withSecret(AppRow r, String sealed) {
        return new AppRow(r.id(), r.name(), r.repoUrl(), r.branch(), r.port(), r.javaOptions(), r.javaVersion(),
                r.healthPath(), r.healthTimeoutSeconds(), r.buildCommand(), r.artifactPath(), r.buildTimeoutSeconds(),
                r.keepReleases(), r.batchSize(), sealed, r.createdAt(), r.deletedAt(), r.maxPushMib(),
                r.secretsOnPush(), r.strategy(), r.drainSeconds(), r.standbySeconds(), r.canary());
    }
}
