package org.steward.web;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.ModelAndView;

/**
 * Turns the refusals Steward's own code raises into a clear message: a page for people, a problem document for
 * API clients. Other errors keep Spring Boot's default page, which shows no internals.
 */
final class ErrorPages {

    private ErrorPages() {
    }

    /**
     * Whether an exception is a refusal a person can read: the arguments and states Steward refuses, and each
     * module's own {@code Refused} (all of them are named so).
     */
    static boolean isRefusal(Exception e) {
        return e instanceof IllegalArgumentException || e instanceof IllegalStateException
                || e instanceof ResponseStatusException || e instanceof MaxUploadSizeExceededException
                || e instanceof MultipartException || e.getClass().getSimpleName().equals("Refused");
    }

    static HttpStatusCode statusOf(Exception e) {
        return e instanceof ResponseStatusException rse ? rse.getStatusCode()
                : e instanceof MaxUploadSizeExceededException ? HttpStatus.CONTENT_TOO_LARGE
                : e instanceof IllegalStateException ? HttpStatus.CONFLICT : HttpStatus.BAD_REQUEST;
    }

    static String messageOf(Exception e) {
        if (e instanceof ResponseStatusException rse) {
            return rse.getReason() == null ? "Not found." : rse.getReason();
        }
        if (e instanceof MaxUploadSizeExceededException) {
            return "The file is too large: Steward takes files of up to 10 MB here.";
        }
        if (e instanceof MultipartException) {
            return "This form sends a file: the request was not a file upload (multipart) Steward could read.";
        }
        return e.getMessage();
    }

    @RestControllerAdvice(annotations = RestController.class)
    @Order(Ordered.HIGHEST_PRECEDENCE)
    static class ForApi {
        @ExceptionHandler(RuntimeException.class)
        ResponseEntity<ProblemDetail> refused(RuntimeException e) {
            if (!isRefusal(e)) {
                throw e;
            }
            HttpStatusCode status = statusOf(e);
            return ResponseEntity.status(status).body(ProblemDetail.forStatusAndDetail(status, messageOf(e)));
        }
    }

    @ControllerAdvice
    @Order(Ordered.LOWEST_PRECEDENCE)
    static class ForPages {
        @ExceptionHandler(RuntimeException.class)
        ModelAndView refused(RuntimeException e) {
            if (!isRefusal(e)) {
                throw e;
            }
            ModelAndView page = new ModelAndView("refused");
            page.setStatus(statusOf(e));
            page.addObject("status", statusOf(e).value());
            page.addObject("message", messageOf(e));
            return page;
        }
    }
}
