package dev.deployer.server.ssh;

import java.util.Map;
import org.slf4j.LoggerFactory;

/**
 * sshj logs every expected refusal (a key fetched for pinning, a changed host key, a dropped
 * connection) as an ERROR with a stack trace, and two INFO lines per connection. SshHosts reports
 * each of those itself, in one line with host= keys, so sshj keeps only its warnings, and the
 * three classes that log expected disconnects as errors are silenced.
 */
final class SshjLogging {
    private static final Map<String, String> LEVELS = Map.of(
            "net.schmizz", "WARN",
            "com.hierynomus.sshj", "WARN",
            "net.schmizz.sshj.transport.TransportImpl", "OFF",
            "net.schmizz.sshj.transport.KeyExchanger", "OFF",
            "net.schmizz.concurrent.Promise", "OFF");

    private SshjLogging() {}

    static void quietExpectedFailures() {
        LEVELS.forEach((name, level) -> {
            if (LoggerFactory.getLogger(name) instanceof ch.qos.logback.classic.Logger logger) {
                logger.setLevel(ch.qos.logback.classic.Level.toLevel(level));
            }
        });
    }
}
