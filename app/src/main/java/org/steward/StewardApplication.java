package org.steward;

import java.time.Clock;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

@SpringBootApplication
public class StewardApplication {

    public static void main(String[] args) {
        SpringApplication.run(StewardApplication.class, args);
    }

    /** Time is an input: tests replace this clock. */
    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}
