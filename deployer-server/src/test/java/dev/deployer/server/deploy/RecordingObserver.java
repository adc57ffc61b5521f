package dev.deployer.server.deploy;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A {@link DeploymentObserver} that notes each call as a line ({@code ended shop deploy succeeded ran}, {@code started shop deploy started untimed},
 * {@code uploaded shop web1 1234}, {@code step shop - build ok}) and, when {@link #failing}, throws after noting it.
 */
final class RecordingObserver implements DeploymentObserver {
    final List<String> calls = new CopyOnWriteArrayList<>();
    volatile boolean failing;

    @Override
    public void stepEnded(String app, String host, String step, boolean ok, Duration took) {
        note("step " + app + " " + (host == null ? "-" : host) + " " + step + " " + (ok ? "ok" : "failed"));
    }

    @Override
    public void uploaded(String app, String host, long bytes) {
        note("uploaded " + app + " " + host + " " + bytes);
    }

    @Override
    public void observed(Notice notice) {
        note(("started".equals(notice.phase()) ? "started " : "ended ") + notice.app() + " " + notice.kind() + " "
                + notice.phase() + " " + (notice.took() == null ? "untimed" : notice.took().isNegative() ? "negative" : "ran"));
    }

    List<String> starting(String prefix) {
        return calls.stream().filter(call -> call.startsWith(prefix)).toList();
    }

    private void note(String call) {
        calls.add(call);
        if (failing) {
            throw new IllegalStateException("observer broken on purpose");
        }
    }
}
