package dev.deployer.server.git;

import dev.deployer.api.DeploymentInfo;
import dev.deployer.api.DeploymentStatus;
import dev.deployer.server.apps.App;
import dev.deployer.server.apps.AppService;
import dev.deployer.server.audit.AuditLog;
import dev.deployer.server.auth.Caller;
import dev.deployer.server.deploy.Deployments;
import dev.deployer.server.deploy.ReleaseFlow;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.transport.ReceiveCommand;
import org.eclipse.jgit.transport.ReceivePack;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Heroku semantics: a push to the app's branch is built and deployed before the ref is accepted.
 * A failed build rejects the push and deploys nothing; other branches are only stored.
 */
public class PushDeploy {
    private static final Logger LOG = LoggerFactory.getLogger(PushDeploy.class);

    private final AppService apps;
    private final Deployments deployments;
    private final ReleaseFlow flow;
    private final AuditLog audit;

    public PushDeploy(AppService apps, Deployments deployments, ReleaseFlow flow, AuditLog audit) {
        this.apps = apps;
        this.deployments = deployments;
        this.flow = flow;
        this.audit = audit;
    }

    public void onPush(String appName, Caller caller, ReceivePack pack, Collection<ReceiveCommand> commands) {
        App app = apps.require(appName);
        String deployRef = "refs/heads/" + app.branch();
        for (ReceiveCommand command : commands) {
            if (!SecretWarnings.allow(app, pack, command, line -> say(pack, line))) {
                continue;
            }
            if (command.getResult() != ReceiveCommand.Result.NOT_ATTEMPTED || !command.getRefName().equals(deployRef)) {
                continue;
            }
            if (command.getType() == ReceiveCommand.Type.DELETE) {
                command.setResult(ReceiveCommand.Result.REJECTED_OTHER_REASON, "the deploy branch cannot be deleted");
                continue;
            }
            deploy(app, caller, pack, command);
        }
    }

    /**
     * Builds and deploys the pushed commit while holding the app, then moves the branch under the same hold: the
     * branch head is always the commit of the release that went live. A push whose branch moved while it waited
     * for its turn is refused before anything is built.
     */
    private void deploy(App app, Caller caller, ReceivePack pack, ReceiveCommand command) {
        String commit = command.getNewId().name();
        say(pack, "deployer: building " + app.name() + " at " + commit.substring(0, 12) + " (" + app.branch() + ")");
        LOG.info("git push app={} commit={} by={}", app.name(), commit, caller.name());
        try {
            DeploymentInfo done = deployments.runNow(app, flow.pushed(commit, caller.name()), "git push (" + caller.name() + ")",
                    event -> say(pack, event.line()), new Deployments.Holding() {
                        @Override
                        public void before() {
                            requireBranchUnmoved(pack, command);
                        }

                        @Override
                        public void succeeded(DeploymentInfo done) {
                            command.execute(pack); // moves the branch from the old id it was pushed on, or fails
                            if (command.getResult() != ReceiveCommand.Result.OK) {
                                LOG.error("git push app={} commit={} went live but the branch did not move: {} {}",
                                        app.name(), commit, command.getResult(), command.getMessage());
                            }
                        }
                    });
            audit.record(caller, "deploy", app.name(), "git push of " + commit.substring(0, 12) + ", deployment " + done.id());
            if (DeploymentStatus.SUCCEEDED.is(done.status())) {
                say(pack, "deployer: v" + done.version() + " is live: " + done.reason());
            } else {
                boolean built = done.version() != null;
                say(pack, "deployer: " + (built ? "deploy" : "build") + " failed: " + done.reason());
                command.setResult(ReceiveCommand.Result.REJECTED_OTHER_REASON, built ? "deploy failed" : "build failed");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            command.setResult(ReceiveCommand.Result.REJECTED_OTHER_REASON, "server stopping");
        } catch (BranchMoved e) {
            say(pack, "deployer: " + e.getMessage());
            command.setResult(ReceiveCommand.Result.REJECTED_NONFASTFORWARD);
        } catch (RuntimeException e) {
            say(pack, "deployer: " + e.getMessage());
            command.setResult(ReceiveCommand.Result.REJECTED_OTHER_REASON, "not deployed");
        }
    }

    /** Another push went live while this one waited for its turn. */
    static final class BranchMoved extends IllegalStateException {
        BranchMoved(String message) {
            super(message);
        }
    }

    private static void requireBranchUnmoved(ReceivePack pack, ReceiveCommand command) {
        try {
            Ref ref = pack.getRepository().exactRef(command.getRefName());
            ObjectId now = ref == null ? ObjectId.zeroId() : ref.getObjectId();
            if (!now.equals(command.getOldId())) {
                throw new BranchMoved("another push went live while this one waited: " + command.getRefName() + " is now "
                        + now.name().substring(0, 12) + "; fetch, merge or rebase, and push again");
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + command.getRefName() + ": " + e.getMessage(), e);
        }
    }

    /** One {@code remote:} line, flushed so it reaches the pusher's terminal now. */
    private static void say(ReceivePack pack, String line) {
        try {
            OutputStream out = pack.getMessageOutputStream();
            out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
        } catch (IOException | RuntimeException e) {
            // Jetty says a gone client with either; the push's outcome must not depend on its terminal.
            LOG.debug("pusher went away: {}", e.toString());
        }
    }
}
