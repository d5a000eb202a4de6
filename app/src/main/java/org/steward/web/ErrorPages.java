package org.steward.web;

import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.beans.TypeMismatchException;
import org.springframework.boot.webmvc.autoconfigure.error.ErrorViewResolver;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.servlet.ModelAndView;
import org.steward.accounts.StewardUser;

/**
 * Turns the refusals Steward's own code raises, and the missing records it answers, into a clear message: for a
 * person in a browser, a page saying what is wrong and where to go; for an API client, a problem document. Other
 * errors keep the error page, which shows no internals.
 */
final class ErrorPages {

    /** The request attribute that carries a refusal's message to the error page. */
    static final String MESSAGE = ErrorPages.class.getName() + ".message";

    private ErrorPages() {
    }

    /**
     * Whether an exception is a refusal a person can read: the arguments and states Steward refuses, each module's
     * own {@code Refused} (all of them are named so), and the requests Spring refuses before a page is reached
     * (a missing parameter, an id that is not a number, a method the address does not take).
     */
    static boolean isRefusal(Exception e) {
        return e instanceof IllegalArgumentException || e instanceof IllegalStateException
                || e instanceof MaxUploadSizeExceededException || e instanceof MultipartException
                || e instanceof TypeMismatchException || e instanceof HttpMessageNotReadableException
                || e instanceof ErrorResponse response && response.getStatusCode().is4xxClientError()
                || e.getClass().getSimpleName().equals("Refused");
    }

    static HttpStatusCode statusOf(Exception e) {
        return e instanceof MaxUploadSizeExceededException ? HttpStatus.CONTENT_TOO_LARGE
                : e instanceof ErrorResponse response ? response.getStatusCode()
                : e instanceof IllegalStateException ? HttpStatus.CONFLICT : HttpStatus.BAD_REQUEST;
    }

    static String messageOf(Exception e) {
        if (e instanceof MaxUploadSizeExceededException) {
            return "The file is too large: Steward takes files of up to 10 MB here.";
        }
        if (e instanceof MultipartException) {
            return "This form sends a file: the request was not a file upload (multipart) Steward could read.";
        }
        if (e instanceof TypeMismatchException mismatch) {
            String value = String.valueOf(mismatch.getValue());
            Class<?> expected = mismatch.getRequiredType();
            return "'" + (value.length() > 60 ? value.substring(0, 60) + "…" : value) + "'"
                    + (mismatch.getPropertyName() == null ? "" : " (" + mismatch.getPropertyName() + ")")
                    + " is not " + (expected != null && Number.class.isAssignableFrom(expected)
                    || expected == long.class || expected == int.class ? "a number"
                    : expected == java.time.LocalDate.class ? "a date such as 2026-09-01" : "a value Steward takes there")
                    + ".";
        }
        if (e instanceof HttpMessageNotReadableException) {
            return "Steward could not read what was sent.";
        }
        if (e instanceof ErrorResponse response) {
            String detail = response.getBody().getDetail();
            return detail != null ? detail : said(response.getStatusCode().value());
        }
        return e.getMessage();
    }

    /** What a status says when the code that answered it said nothing more. */
    static String said(int status) {
        return switch (status) {
            case 404 -> "There is no such page or record in your district, or it is not one you may open.";
            case 403 -> "Your role does not allow this. If you need it, ask your district administrator.";
            case 413 -> "The file is larger than Steward accepts (10 MB). Split it, or compress a OneRoster export "
                    + "as .zip, and try again.";
            case 405 -> "This address does not take that kind of request.";
            default -> status >= 500 ? "Steward could not finish this request. It has been logged."
                    : "Steward could not do what was asked.";
        };
    }

    static String titleOf(int status) {
        return switch (status) {
            case 404 -> "Not found";
            case 403 -> "Not allowed";
            case 413 -> "File too large";
            default -> status >= 500 ? "Something went wrong" : "That could not be done";
        };
    }

    /**
     * Whether the request is a person's, in a browser, rather than an API client's: not an {@code /api/} address,
     * and either an htmx request or one that accepts HTML at least as readily as JSON (a browser's navigation).
     * A request that names neither, as scripts send, gets the problem document.
     */
    static boolean wantsPage(HttpServletRequest request) {
        if (request.getRequestURI().startsWith(request.getContextPath() + "/api/")) {
            return false;
        }
        if (request.getHeader("HX-Request") != null) {
            return true;
        }
        List<MediaType> accepted;
        try {
            accepted = MediaType.parseMediaTypes(request.getHeader(HttpHeaders.ACCEPT));
        } catch (InvalidMediaTypeException e) {
            return false;
        }
        double html = 0, json = 0;
        for (MediaType type : accepted) {
            if (type.isWildcardType() || type.isWildcardSubtype()) {
                continue;
            }
            if (type.isCompatibleWith(MediaType.TEXT_HTML) || type.isCompatibleWith(MediaType.APPLICATION_XHTML_XML)) {
                html = Math.max(html, type.getQualityValue());
            } else if (type.isCompatibleWith(MediaType.APPLICATION_JSON)
                    || type.isCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)) {
                json = Math.max(json, type.getQualityValue());
            }
        }
        return html > 0 && html >= json;
    }

    /**
     * Every controller's refusals, pages and API alike, ahead of Spring's own problem documents. A page's refusal
     * becomes the error page (through the server's error dispatch, so the page has the signed-in person's menu); an
     * API client's, a problem document. Anything else goes on to Spring and Spring Security as it is.
     */
    @ControllerAdvice
    @Order(Ordered.HIGHEST_PRECEDENCE)
    static class Refusals {
        @ExceptionHandler(Exception.class)
        ResponseEntity<ProblemDetail> refused(Exception e, HttpServletRequest request, HttpServletResponse response)
                throws Exception {
            if (!isRefusal(e)) {
                throw e;
            }
            HttpStatusCode status = statusOf(e);
            String message = messageOf(e);
            if (wantsPage(request)) {
                request.setAttribute(MESSAGE, message);
                try {
                    response.sendError(status.value());
                } catch (IOException gone) {
                    // the browser went away: there is nobody to tell
                }
                return null;
            }
            ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, message);
            ResponseEntity.BodyBuilder answer = ResponseEntity.status(status)
                    .contentType(MediaType.APPLICATION_PROBLEM_JSON);
            if (e instanceof ErrorResponse refusal) {
                answer.headers(refusal.getHeaders()); // such as Allow, for a method the address does not take
            }
            return answer.body(problem);
        }
    }

    /**
     * The error page's words: the refusal's message when there is one, otherwise what the status says, and where to
     * go from the address that was asked for.
     */
    @Component
    @Order(Ordered.HIGHEST_PRECEDENCE)
    static class Page implements ErrorViewResolver {
        @Override
        public ModelAndView resolveErrorView(HttpServletRequest request, HttpStatus status, Map<String, Object> model) {
            Map<String, Object> page = new HashMap<>(model);
            Object message = request.getAttribute(MESSAGE);
            page.put("title", titleOf(status.value()));
            page.put("message", message != null ? message : said(status.value()));
            Object path = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
            page.put("ways", WayBack.from(path == null ? "/" : path.toString(), signedIn()));
            return new ModelAndView("error", page, status);
        }

        private static StewardUser signedIn() {
            Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
            return authentication != null && authentication.getPrincipal() instanceof StewardUser user ? user : null;
        }
    }
}
