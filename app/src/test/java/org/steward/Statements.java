package org.steward;

import java.util.List;
import java.util.regex.Pattern;

import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;

/**
 * How many SQL statements the application runs while a test does something, as Spring's {@link JdbcTemplate} (under
 * every JdbcClient and repository) says at debug level, once a statement: a list's page runs as many whatever its
 * rows, never one a row.
 */
public final class Statements {

    /** What the template says once for each statement it runs, prepared or not. */
    private static final Pattern RUN = Pattern.compile(
            "Executing (prepared SQL statement|SQL query \\[|SQL update \\[|SQL statement \\[|SQL batch update)");

    /** Something a test does that may throw, such as a request through MockMvc. */
    public interface Action {
        void run() throws Exception;
    }

    private Statements() {
    }

    /** The statements run while the action ran, counted, not printed. */
    public static List<String> during(Action action) throws Exception {
        Logger logger = (Logger) LoggerFactory.getLogger(JdbcTemplate.class);
        Level level = logger.getLevel();
        boolean additive = logger.isAdditive();
        ListAppender<ILoggingEvent> seen = new ListAppender<>();
        seen.start();
        logger.addAppender(seen);
        logger.setAdditive(false);
        logger.setLevel(Level.DEBUG);
        try {
            action.run();
        } finally {
            logger.setLevel(level);
            logger.setAdditive(additive);
            logger.detachAppender(seen);
        }
        return seen.list.stream().map(ILoggingEvent::getFormattedMessage).filter(m -> RUN.matcher(m).lookingAt())
                .toList();
    }
}
