package org.steward;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import net.ttddyy.dsproxy.support.ProxyDataSourceBuilder;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.stereotype.Component;

/**
 * The statements the application runs on its data source, as datasource-proxy sees them, while a test does
 * something on its own thread: a MockMvc request runs there, so {@link #during} tells what one page ran. A list's
 * page runs as many whatever its rows, never one a row. {@link #connectionsAtOnce} tells how many connections it
 * held at once: a second one taken while the first is held is how a pool's worth of requests at once deadlock.
 */
@Component
public class QueryCounts implements BeanPostProcessor {

    private static final ThreadLocal<List<String>> RECORDING = new ThreadLocal<>();
    private static final ThreadLocal<List<Statement>> BOUND = new ThreadLocal<>();
    /** While an action is watched: the connections this thread holds, and the most it held at once. */
    private static final ThreadLocal<int[]> HELD = new ThreadLocal<>();

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        if (bean instanceof DataSource data && beanName.equals("dataSource")) {
            return ProxyDataSourceBuilder.create(data).name("steward")
                    .afterQuery((execution, queries) -> {
                        List<String> recording = RECORDING.get();
                        if (recording != null) { // a batch is one statement, run once
                            recording.add(queries.stream().map(q -> q.getQuery()).distinct()
                                    .collect(Collectors.joining("; ")));
                        }
                        List<Statement> bound = BOUND.get();
                        if (bound != null) {
                            queries.forEach(q -> bound.addAll(statements(q)));
                        }
                    })
                    .afterMethod(context -> {
                        int[] held = HELD.get();
                        if (held == null || context.getThrown() != null) {
                            return;
                        }
                        String method = context.getMethod().getName();
                        if (method.equals("getConnection") && context.getTarget() instanceof DataSource) {
                            held[1] = Math.max(held[1], ++held[0]);
                        } else if (method.equals("close") && context.getTarget() instanceof java.sql.Connection) {
                            held[0]--;
                        }
                    })
                    .build();
        }
        return bean;
    }

    /** Something a test does that may query, such as a request. */
    public interface Action {
        void run() throws Exception;
    }

    /** The statements the action ran on this thread, in order. */
    public static List<String> during(Action action) throws Exception {
        List<String> ran = new ArrayList<>();
        RECORDING.set(ran);
        try {
            action.run();
        } finally {
            RECORDING.remove();
        }
        return List.copyOf(ran);
    }

    /** A statement as it ran: its SQL and the values bound to its parameters, in order. */
    public record Statement(String sql, List<Object> parameters) {
    }

    /** The statements the action ran on this thread with their parameters: what a benchmark explains. */
    public static List<Statement> bound(Action action) throws Exception {
        List<Statement> ran = new ArrayList<>();
        BOUND.set(ran);
        try {
            action.run();
        } finally {
            BOUND.remove();
        }
        return List.copyOf(ran);
    }

    private static List<Statement> statements(net.ttddyy.dsproxy.QueryInfo query) {
        if (query.getParametersList().isEmpty()) {
            return List.of(new Statement(query.getQuery(), List.of()));
        }
        return query.getParametersList().stream().map(set -> new Statement(query.getQuery(), set.stream()
                .sorted(java.util.Comparator.comparingInt(p -> ((Number) p.getArgs()[0]).intValue()))
                .map(p -> p.getMethod().getName().equals("setNull") ? null : p.getArgs()[1]).toList())).toList();
    }

    /** The most connections the action held at once on this thread. */
    public static int connectionsAtOnce(Action action) throws Exception {
        int[] held = new int[2];
        HELD.set(held);
        try {
            action.run();
        } finally {
            HELD.remove();
        }
        return held[1];
    }
}
