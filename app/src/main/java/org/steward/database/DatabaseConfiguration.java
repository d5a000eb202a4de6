package org.steward.database;

import javax.sql.DataSource;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import com.zaxxer.hikari.HikariDataSource;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(DatabaseProperties.class)
class DatabaseConfiguration {

    /** Holds the embedded server, if any, so that it stops after the connection pool closes. */
    record Server(EmbeddedPostgresServer embedded) implements AutoCloseable {
        @Override
        public void close() throws Exception {
            if (embedded != null) {
                embedded.close();
            }
        }
    }

    @Bean(destroyMethod = "close")
    Server postgresServer(DatabaseProperties properties) {
        return new Server(properties.embedded()
                ? EmbeddedPostgresServer.start(properties.dataDir(), properties.ephemeral())
                : null);
    }

    @Bean
    DataSource dataSource(DatabaseProperties properties, Server server) {
        HikariDataSource dataSource = new HikariDataSource();
        if (server.embedded() != null) {
            dataSource.setJdbcUrl(server.embedded().jdbcUrl());
            dataSource.setUsername("postgres");
            dataSource.setPassword(server.embedded().password());
        } else {
            dataSource.setJdbcUrl(properties.url());
            dataSource.setUsername(properties.username());
            dataSource.setPassword(properties.password());
        }
        dataSource.setMaximumPoolSize(10);
        dataSource.setPoolName("steward");
        return dataSource;
    }
}
