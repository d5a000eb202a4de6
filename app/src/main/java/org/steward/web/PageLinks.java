package org.steward.web;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.resource.ResourceUrlEncodingFilter;

/**
 * Links are written into pages as the templates give them. The WebJars locator on the class path turns on Boot's
 * resource chain, whose filter looked every link of every page up on the class path to see whether it named a
 * static file (a staff directory of 100 rows: hundreds of jar look-ups); a WebJar's address without its version is
 * resolved when it is asked for instead.
 */
@Configuration(proxyBeanMethods = false)
class PageLinks {

    @Bean
    FilterRegistrationBean<ResourceUrlEncodingFilter> resourceUrlEncodingFilter() {
        FilterRegistrationBean<ResourceUrlEncodingFilter> off = new FilterRegistrationBean<>(
                new ResourceUrlEncodingFilter());
        off.setEnabled(false);
        return off;
    }
}
