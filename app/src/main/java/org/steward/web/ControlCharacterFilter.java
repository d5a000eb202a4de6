package org.steward.web;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.HtmlUtils;

/**
 * Refuses, before anything reads it, a request whose address or parameters hold a NUL or another control character
 * (tab, line feed and carriage return aside): no page or API of Steward takes one, and PostgreSQL stores no text with
 * a NUL. The answer is 400 with the name of the parameter at fault, as a page or, for the API, a problem document;
 * nothing is changed. Uploaded files and request bodies are the parsers' to judge, line by line.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
class ControlCharacterFilter extends OncePerRequestFilter {

    /** A control character percent-encoded in an address: %00 to %1F and %7F, tab, line feed and return aside. */
    private static final java.util.regex.Pattern ENCODED_CONTROL =
            java.util.regex.Pattern.compile("%(0[0-8bcefBCEF]|1[0-9a-fA-F]|7[fF])");

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String fault = fault(request);
        if (fault == null) {
            chain.doFilter(request, response);
            return;
        }
        refuse(request, response, fault);
    }

    /** Answers 400 naming what holds the control character, as a page or, for the API, a problem document. */
    static void refuse(HttpServletRequest request, HttpServletResponse response, String fault) throws IOException {
        String message = "The request was refused: " + fault + " holds a NUL or another control character, which "
                + "nothing in Steward takes. Nothing was changed.";
        response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        if (request.getRequestURI().startsWith("/api/")) {
            response.setContentType("application/problem+json");
            response.getWriter().write("{\"type\":\"about:blank\",\"title\":\"Bad Request\",\"status\":400,\"detail\":\""
                    + message.replace("\"", "\\\"") + "\"}");
        } else {
            response.setContentType("text/html");
            response.getWriter().write("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Refused · "
                    + "Steward</title><link rel=\"stylesheet\" href=\"/css/steward.css\"></head><body><main id=\"main\">"
                    + "<h1>That could not be done</h1><div class=\"notice bad\" role=\"alert\">"
                    + HtmlUtils.htmlEscape(message) + "</div><p><a href=\"/\">Back to the start page</a></p></main>"
                    + "</body></html>");
        }
    }

    /** What holds a control character: the address or a parameter's name; null when nothing does. */
    private static String fault(HttpServletRequest request) {
        if (ENCODED_CONTROL.matcher(request.getRequestURI()).find() || request.getQueryString() != null
                && ENCODED_CONTROL.matcher(request.getQueryString()).find()) {
            return "the address";
        }
        // the parameters of a multipart request are read once it is parsed (MultipartControlCharacters)
        String type = request.getContentType();
        if (type != null && type.toLowerCase(java.util.Locale.ROOT).startsWith("multipart/")) {
            return null;
        }
        return inParameters(request);
    }

    /** The parameter, or parameter's name, that holds a control character; null when none does. */
    static String inParameters(HttpServletRequest request) {
        for (Map.Entry<String, String[]> parameter : request.getParameterMap().entrySet()) {
            if (hasControl(parameter.getKey())) {
                return "a parameter's name";
            }
            for (String value : parameter.getValue()) {
                if (hasControl(value)) {
                    return "the parameter '" + parameter.getKey() + "'";
                }
            }
        }
        return null;
    }

    static boolean hasControl(String text) {
        if (text == null) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 && c != '\t' && c != '\n' && c != '\r' || c == 0x7f) {
                return true;
            }
        }
        return false;
    }
}
