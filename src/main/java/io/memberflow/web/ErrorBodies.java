package io.memberflow.web;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;

import java.util.Map;

/** The one shape of every error memberflow answers: {@code {"error": code, "message": text}}. */
public final class ErrorBodies {
    private ErrorBodies() {
    }

    public static io.micronaut.http.MutableHttpResponse<Map<String, String>> of(HttpStatus status, String code, String message) {
        return HttpResponse.<Map<String, String>>status(status).body(Map.of("error", code, "message", message));
    }
}
