package org.steward.web;

import java.util.List;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.multipart.MultipartHttpServletRequest;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.util.WebUtils;

/**
 * The same refusal as {@link ControlCharacterFilter}'s for a multipart form, once it is parsed: a field or an uploaded
 * file's name holding a NUL or another control character answers 400 naming it, before any handler stores it. The
 * files' contents are the parsers' to judge.
 */
@Configuration
class MultipartControlCharacters implements WebMvcConfigurer, HandlerInterceptor {

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(this);
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler)
            throws Exception {
        MultipartHttpServletRequest multipart = WebUtils.getNativeRequest(request, MultipartHttpServletRequest.class);
        if (multipart == null) {
            return true;
        }
        String fault = ControlCharacterFilter.inParameters(request);
        if (fault == null) {
            for (List<MultipartFile> files : multipart.getMultiFileMap().values()) {
                for (MultipartFile file : files) {
                    if (ControlCharacterFilter.hasControl(file.getOriginalFilename())) {
                        fault = "the name of the file '" + file.getName() + "'";
                    }
                }
            }
        }
        if (fault == null) {
            return true;
        }
        ControlCharacterFilter.refuse(request, response, fault);
        return false;
    }
}
