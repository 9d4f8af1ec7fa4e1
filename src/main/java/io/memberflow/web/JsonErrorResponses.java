package io.memberflow.web;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import jakarta.inject.Singleton;

import java.util.Map;

/**
 * Every error Micronaut itself answers (unknown route, wrong method, unreadable body, unexpected exception, …) in
 * the project's shape {@code {"error": code, "message": text}}, JSON whatever the client accepts. The text depends
 * on the status only: nothing from the request or the exception (no class names, no echoed input) reaches it.
 */
@Singleton
@Replaces(ErrorResponseProcessor.class)
public class JsonErrorResponses implements ErrorResponseProcessor<Map<String, String>> {

    @Override
    public MutableHttpResponse<Map<String, String>> processResponse(ErrorContext context, MutableHttpResponse<?> base) {
        HttpStatus status = base.getStatus();
        return base.<Map<String, String>>body(Map.of("error", code(status), "message", message(status)))
                .contentType(MediaType.APPLICATION_JSON_TYPE);
    }

    static String code(HttpStatus status) {
        return switch (status) {
            case BAD_REQUEST -> "bad_request";
            case UNAUTHORIZED -> "unauthorized";
            case FORBIDDEN -> "forbidden";
            case NOT_FOUND -> "not_found";
            case METHOD_NOT_ALLOWED -> "method_not_allowed";
            case NOT_ACCEPTABLE -> "not_acceptable";
            case REQUEST_ENTITY_TOO_LARGE -> "payload_too_large";
            case UNSUPPORTED_MEDIA_TYPE -> "unsupported_media_type";
            case REQUEST_HEADER_FIELDS_TOO_LARGE -> "headers_too_large";
            case SERVICE_UNAVAILABLE -> "unavailable";
            default -> status.getCode() >= 500 ? "internal_error" : "error";
        };
    }

    static String message(HttpStatus status) {
        return switch (status) {
            case BAD_REQUEST -> "the request could not be read";
            case NOT_FOUND -> "no such resource";
            case METHOD_NOT_ALLOWED -> "method not allowed here";
            case UNSUPPORTED_MEDIA_TYPE -> "unsupported content type";
            default -> status.getCode() >= 500 ? "something went wrong on our side; it has been logged"
                    : status.getReason().toLowerCase();
        };
    }
}
