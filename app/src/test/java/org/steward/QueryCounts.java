package org.steward;

import javax.sql.DataSource;

import net.ttddyy.dsproxy.QueryCountHolder;
import net.ttddyy.dsproxy.support.ProxyDataSourceBuilder;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.stereotype.Component;

/**
 * The queries the current thread has made, as datasource-proxy counts them on the application's data source: a
 * MockMvc request runs in the test's thread, so {@link #during} tells how many queries one page took.
 */
@Component
public class QueryCounts implements BeanPostProcessor {

    private static final String NAME = "steward";

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        if (bean instanceof DataSource data && beanName.equals("dataSource")) {
            return ProxyDataSourceBuilder.create(data).name(NAME).countQuery().build();
        }
        return bean;
    }

    /** Something a test does that may query, such as a request. */
    public interface Action {
        void run() throws Exception;
    }

    /** How many statements the action ran on this thread. */
    public static long during(Action action) throws Exception {
        QueryCountHolder.clear();
        action.run();
        long total = QueryCountHolder.get(NAME).getTotal();
        QueryCountHolder.clear();
        return total;
    }
}
