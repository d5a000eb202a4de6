package org.steward.activity;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;

/** The activity module's settings, and its housekeeping: runs a restart interrupted, raw files past retention. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ActivityProperties.class)
class ActivityConfiguration {

    private final JdbcClient jdbc;
    private final Ingestion ingestion;
    private final Reapplications reapplications;
    private final Clock clock;

    ActivityConfiguration(JdbcClient jdbc, Ingestion ingestion, Reapplications reapplications, Clock clock) {
        this.jdbc = jdbc;
        this.ingestion = ingestion;
        this.reapplications = reapplications;
        this.clock = clock;
    }

    /**
     * A run or re-apply still running when the server starts was cut short: it stored nothing, and its file may
     * come again; the partial files of uploads cut short are deleted.
     */
    @EventListener(ApplicationReadyEvent.class)
    void failInterruptedRuns() {
        ingestion.deletePartialUploads();
        jdbc.sql("update activity_run set status = 'FAILED', finished_at = ?, problem = 'interrupted by a restart; "
                        + "nothing was stored' where status = 'RUNNING'")
                .param(Timestamp.from(clock.instant())).update();
        reapplications.failInterrupted();
    }

    @Scheduled(initialDelayString = "${steward.activity.retention-initial-delay:PT2M}",
            fixedDelayString = "${steward.activity.retention-every:PT6H}")
    void deleteExpiredRawFiles() {
        List<Long> districts = jdbc.sql("select distinct district_id from activity_run where raw_file is not null "
                + "and raw_deleted_at is null").query(Long.class).list();
        districts.forEach(ingestion::deleteExpiredRawFiles);
    }
}
