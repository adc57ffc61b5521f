package dev.deployer.testhosts;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Gives a test class (or method) real test hosts: registers {@link TestHostsExtension}, which brings
 * up at least {@link #value()} hosts before the class runs and resolves {@link TestHosts} and
 * {@code List<TestHost>} parameters.
 *
 * <pre>{@code
 * @WithTestHosts(3)
 * class DeployIT {
 *     @Test
 *     void deploys(TestHosts hosts) { ... hosts.get(0).run("systemctl is-active app") ... }
 * }
 * }</pre>
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
@ExtendWith(TestHostsExtension.class)
public @interface WithTestHosts {

    /** How many hosts the test needs; unset means system property {@code testhosts.count}, else 3. */
    int value() default -1;
}
