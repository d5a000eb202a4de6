package org.steward;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;

/** A test of the whole application on its own throw-away embedded PostgreSQL; all such tests share one. */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(properties = {"steward.db.ephemeral=true", "steward.demo.enabled=false",
        "steward.scheduling.enabled=false", "steward.activity.dir=target/test-activity",
        "steward.activity.watched=${java.io.tmpdir}/steward-watched/{district}",
        "steward.activity.ports=20000-29999", "steward.activity.max-log-bytes=50000000", "steward.audit.key=${random.value}${random.value}",
        "steward.audit.checkpoints=target/test-audit-checkpoints/${random.uuid}",
        // GreenMail's test port: a test that reads the mail starts GreenMail there; for the others it is refused
        "spring.mail.host=localhost", "spring.mail.port=3025",
        // the tests' list servers (MockWebServer) are on this machine; ListDownloadTest shows them refused otherwise
        "steward.category-feeds.private-addresses=true"})
@AutoConfigureMockMvc
public @interface StewardTest {
}
