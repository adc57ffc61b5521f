package dev.deployer.server.settings;

import dev.deployer.server.settings.Settings;
import io.dropwizard.core.Configuration;
import io.dropwizard.core.server.DefaultServerFactory;
import io.dropwizard.logging.common.ConsoleAppenderFactory;
import io.dropwizard.request.logging.LogbackAccessRequestLogFactory;
import java.util.List;

/**
 * The optional YAML file. Every field is optional; {@link Settings} resolves each one against
 * its environment variable. With no file at all the server runs on its embedded default.
 */
public class DeployerConfiguration extends Configuration {
    private String dataDir;
    private String databaseUrl;
    private String databaseUser;
    private String databasePassword;
    private String masterKey;
    private int buildConcurrency;
    private String mavenRepository;

    public DeployerConfiguration() {
        // The request log must not record query strings: they could carry a token.
        DefaultServerFactory server = new DefaultServerFactory();
        LogbackAccessRequestLogFactory requestLog = new LogbackAccessRequestLogFactory();
        ConsoleAppenderFactory<ch.qos.logback.access.common.spi.IAccessEvent> console = new ConsoleAppenderFactory<>();
        console.setLogFormat("%h \"%m %U %H\" %s %b %D ms");
        requestLog.setAppenders(List.of(console));
        server.setRequestLogFactory(requestLog);
        // Streams (SSE, git push progress) must reach a client that accepts gzip as they are flushed.
        server.getGzipFilterFactory().setSyncFlush(true);
        setServerFactory(server);
    }

    public String getDataDir() { return dataDir; }
    public void setDataDir(String dataDir) { this.dataDir = dataDir; }
    public String getDatabaseUrl() { return databaseUrl; }
    public void setDatabaseUrl(String databaseUrl) { this.databaseUrl = databaseUrl; }
    public String getDatabaseUser() { return databaseUser; }
    public void setDatabaseUser(String databaseUser) { this.databaseUser = databaseUser; }
    public String getDatabasePassword() { return databasePassword; }
    public void setDatabasePassword(String databasePassword) { this.databasePassword = databasePassword; }
    public String getMasterKey() { return masterKey; }
    public void setMasterKey(String masterKey) { this.masterKey = masterKey; }
    public int getBuildConcurrency() { return buildConcurrency; }
    public void setBuildConcurrency(int buildConcurrency) { this.buildConcurrency = buildConcurrency; }
    public String getMavenRepository() { return mavenRepository; }
    public void setMavenRepository(String mavenRepository) { this.mavenRepository = mavenRepository; }
}
