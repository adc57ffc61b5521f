package dev.deployer.server.git;

import dev.deployer.server.apps.App;
import java.io.IOException;
import java.util.List;
import java.util.function.Consumer;
import org.eclipse.jgit.transport.ReceiveCommand;
import org.eclipse.jgit.transport.ReceivePack;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a push hears about the secrets its commits add ({@link SecretScan}): a {@code warning:} line per
 * finding, naming file and line, never the value; with the app's {@code secretsOnPush: reject}, the ref
 * is refused. A scan that fails warns and lets the push through: the scan is advice, not the gate.
 */
final class SecretWarnings {
    private static final Logger LOG = LoggerFactory.getLogger(SecretWarnings.class);

    private SecretWarnings() {}

    /** False when {@code command} was refused here. */
    static boolean allow(App app, ReceivePack pack, ReceiveCommand command, Consumer<String> say) {
        if (command.getResult() != ReceiveCommand.Result.NOT_ATTEMPTED || command.getType() == ReceiveCommand.Type.DELETE) {
            return true;
        }
        List<SecretScan.Finding> findings;
        try {
            findings = SecretScan.scan(pack.getRepository(), command.getNewId());
        } catch (IOException | RuntimeException e) {
            LOG.warn("secret scan failed app={} ref={} error={}", app.name(), command.getRefName(), e.toString());
            say.accept("warning: the push could not be scanned for secrets (" + e.getClass().getSimpleName() + ")");
            return true;
        }
        if (findings.isEmpty()) {
            return true;
        }
        String prefix = app.rejectsSecrets() ? "error: " : "warning: ";
        for (SecretScan.Finding finding : findings) {
            say.accept(prefix + "possible secret in " + finding.describe() + ": the value is not shown");
        }
        LOG.warn("git push adds possible secrets app={} ref={} findings={} rejected={}", app.name(), command.getRefName(),
                findings.size(), app.rejectsSecrets());
        if (!app.rejectsSecrets()) {
            say.accept("warning: secrets in git stay in its history: remove them, rotate them, and keep them in the app's "
                    + "config (deployer config set); secretsOnPush=reject refuses such pushes");
            return true;
        }
        say.accept("error: " + command.getRefName() + " refused: remove the secret from the commits (rewrite them), rotate it, "
                + "and push again");
        command.setResult(ReceiveCommand.Result.REJECTED_OTHER_REASON, "possible secret in a commit");
        return false;
    }
}
