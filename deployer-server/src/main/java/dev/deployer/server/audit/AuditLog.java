package dev.deployer.server.audit;

import dev.deployer.api.AuditEntry;
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
        dao.insert(clock.instant(), actor, action, target, detail);
        LOG.info("audit action={} target={} actor={} {}", action, target, actor, detail);
    }

    public List<AuditEntry> latest(int limit) {
        return dao.latest(Math.max(1, Math.min(limit, 1000)));
    }
}
