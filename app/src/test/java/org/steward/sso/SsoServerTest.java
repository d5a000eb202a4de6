package org.steward.sso;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ContextConfiguration;

/**
 * Steward on a port of its own, signing in through {@link MockIdentityProvider}: the single sign-on tests and the
 * browser test of its pages share one application.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "steward.db.ephemeral=true", "steward.demo.enabled=false", "steward.scheduling.enabled=false",
        "steward.activity.dir=target/test-activity", "steward.activity.watched=${java.io.tmpdir}/steward-watched/{district}",
        "steward.activity.ports=31000-31999", "steward.audit.key=${random.value}${random.value}",
        "steward.audit.checkpoints=target/test-audit-checkpoints/${random.uuid}",
        "spring.mail.host=localhost", "spring.mail.port=3025"})
@ContextConfiguration(initializers = MockIdentityProvider.class)
public @interface SsoServerTest {
}
