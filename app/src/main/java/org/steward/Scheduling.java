package org.steward;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/** Timed work (reminders) runs unless {@code steward.scheduling.enabled=false}: tests run it by hand, on their clock. */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
@ConditionalOnProperty(name = "steward.scheduling.enabled", havingValue = "true", matchIfMissing = true)
class Scheduling {
}
