package dev.deployer.server.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.deployer.server.testing.Rows;
import dev.deployer.server.testing.TestDatabase;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The app lock as two server processes on one database see it: each through its own connections. */
class AppLockDaoTest {
    private static final Duration LEASE = AppLocks.LEASE;

    private static AppLockDao secondServer(TestDatabase.Named db) {
        Jdbi other = Jdbi.create(db.dataSource());
        other.installPlugin(new SqlObjectPlugin());
        return other.onDemand(AppLockDao.class);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.deployer.server.testing.TestDatabase#both")
    void twoServersRacingForOneAppNeverBothHoldIt(TestDatabase.Named db) throws Exception {
        long app = Rows.app(db.jdbi(), "shop");
        AppLockDao a = db.jdbi().onDemand(AppLockDao.class);
        AppLockDao b = secondServer(db);
        Instant now = Instant.now();
        ExecutorService racers = Executors.newFixedThreadPool(8);
        List<Future<Boolean>> tries = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            AppLockDao dao = i % 2 == 0 ? a : b;
            String owner = i % 2 == 0 ? "server-a" : "server-b";
            tries.add(racers.submit(() -> dao.tryLock(app, owner, now, now.minus(LEASE))));
        }
        int won = 0;
        for (Future<Boolean> attempt : tries) {
            won += attempt.get() ? 1 : 0;
        }
        racers.shutdown();

        assertThat(won).isEqualTo(1);
        assertThat(a.holder(app, now.minus(LEASE))).contains(0L);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.deployer.server.testing.TestDatabase#both")
    void aLockIsHeldWhileItsOwnerHeartbeatsAndTakenOverOnceItsLeaseRanOut(TestDatabase.Named db) {
        long app = Rows.app(db.jdbi(), "shop");
        long deployment = db.jdbi().onDemand(DeploymentDao.class).insert(app, "deploy", null, "ci", "server-a", Instant.now());
        AppLockDao a = db.jdbi().onDemand(AppLockDao.class);
        AppLockDao b = secondServer(db);
        Instant t0 = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        assertThat(a.tryLock(app, "server-a", t0, t0.minus(LEASE))).isTrue();
        a.holdBy(app, "server-a", deployment);

        Instant t1 = t0.plus(LEASE.minusSeconds(5));
        a.heartbeat("server-a", t1);
        Instant t2 = t0.plus(LEASE.plusSeconds(10)); // still inside the lease counted from the heartbeat at t1
        assertThat(b.tryLock(app, "server-b", t2, t2.minus(LEASE))).isFalse();
        assertThat(b.holder(app, t2.minus(LEASE))).contains(deployment);

        Instant t3 = t1.plus(LEASE.plusSeconds(1)); // server-a went quiet after t1
        assertThat(b.holder(app, t3.minus(LEASE))).isEmpty();
        assertThat(b.tryLock(app, "server-b", t3, t3.minus(LEASE))).isTrue();
        assertThat(a.release(app, "server-a")).as("a gone owner cannot free what another took").isZero();
        assertThat(b.holder(app, t3.minus(LEASE))).contains(0L);
        assertThat(b.release(app, "server-b")).isEqualTo(1);
        assertThat(a.tryLock(app, "server-a", t3, t3.minus(LEASE))).isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.deployer.server.testing.TestDatabase#both")
    void onlyDeploymentsWhoseServerIsGoneCountAsInterrupted(TestDatabase.Named db) {
        long app = Rows.app(db.jdbi(), "shop");
        DeploymentDao dao = db.jdbi().onDemand(DeploymentDao.class);
        AppLockDao locks = db.jdbi().onDemand(AppLockDao.class);
        Instant t0 = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        long mineBefore = dao.insert(app, "deploy", null, "ci", "server-a", t0);
        long otherAlive = dao.insert(app, "deploy", null, "ci", "server-b", t0);
        long otherGone = dao.insert(app, "deploy", null, "ci", "server-c", t0);
        Instant t1 = t0.plus(LEASE.plusSeconds(1));
        locks.heartbeat("server-b", t1);

        assertThat(dao.orphanedAtStart("server-a", t1.minus(LEASE))).extracting(DeploymentDao.Row::id)
                .containsExactly(mineBefore, otherGone);
        assertThat(dao.orphanedOfOthers("server-b", t1.minus(LEASE))).extracting(DeploymentDao.Row::id)
                .containsExactly(mineBefore, otherGone);
        assertThat(dao.orphanedOfOthers("server-c", t1.minus(LEASE))).extracting(DeploymentDao.Row::id)
                .containsExactly(mineBefore).doesNotContain(otherAlive);
    }
}
