package dev.deployer.server.settings;

import dev.deployer.server.settings.JdbcUrls;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class JdbcUrlsTest {
    @Test
    void passwordsInsideTheUrlAreMasked() {
        assertThat(JdbcUrls.redacted("jdbc:postgresql://db:5432/deployer?user=dpl&password=s3cret&ssl=true"))
                .isEqualTo("jdbc:postgresql://db:5432/deployer?user=dpl&password=***&ssl=true");
        assertThat(JdbcUrls.redacted("jdbc:postgresql://db/deployer?PASSWORD=s3cret"))
                .isEqualTo("jdbc:postgresql://db/deployer?PASSWORD=***");
        assertThat(JdbcUrls.redacted("jdbc:h2:file:/data/db;USER=sa;PASSWORD=s3cret;MODE=PostgreSQL"))
                .isEqualTo("jdbc:h2:file:/data/db;USER=sa;PASSWORD=***;MODE=PostgreSQL");
        assertThat(JdbcUrls.redacted("jdbc:postgresql://dpl:s3cret@db:5432/deployer"))
                .isEqualTo("jdbc:postgresql://dpl:***@db:5432/deployer");
    }

    @Test
    void urlsWithoutAPasswordAreUnchanged() {
        assertThat(JdbcUrls.redacted("jdbc:postgresql://127.0.0.1:5432/deployer?user=dpl"))
                .isEqualTo("jdbc:postgresql://127.0.0.1:5432/deployer?user=dpl");
        assertThat(JdbcUrls.redacted("jdbc:postgresql://[::1]:5432/deployer")).isEqualTo("jdbc:postgresql://[::1]:5432/deployer");
        assertThat(JdbcUrls.redacted(null)).isNull();
    }
}
