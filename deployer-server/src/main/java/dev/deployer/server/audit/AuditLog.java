package dev.deployer.server.audit;

import dev.deployer.api.AuditEntry;
import dev.deployer.server.storage.StoredText;
import java.security.Principal;
import java.time.Clock;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Who did what, when. Details name things (keys, hosts, versions), never a secret value. */
public class AuditLog {
    private static final Logger LOG = LoggerFactory.getLogger(AuditLog.class);

    private final AuditDao dao;
    private final Clock clock;

    public AuditLog(AuditDao dao, Clock clock) {
        this.dao = dao;
        this.clock = clock;
    }

    public void record(Principal actor, String action, String target, String detail) {
        record(actor.getName(), action, target, detail);
    }

    public void record(String actor, String action, String target, String detail) {
        // Cut to the columns of V1: an audit line that does not fit must not fail what it records.
        dao.insert(clock.instant(), StoredText.fit(actor, 200), action, StoredText.fit(target, 255), StoredText.fit(detail, 4000));
        LOG.info("audit action={} target={} actor={} {}", action, target, actor, detail);
    }

    public List<AuditEntry> latest(int limit) {
        return dao.latest(Math.max(1, Math.min(limit, 1000)));
    }
}
