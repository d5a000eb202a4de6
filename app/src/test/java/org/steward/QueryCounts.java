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
 * page runs as many whatever its rows, never one a row.
 */
@Component
public class QueryCounts implements BeanPostProcessor {

    private static final ThreadLocal<List<String>> RECORDING = new ThreadLocal<>();

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
}
