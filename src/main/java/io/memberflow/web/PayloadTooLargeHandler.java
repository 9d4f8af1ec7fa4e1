package io.memberflow.web;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.server.exceptions.ContentLengthExceededHandler;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.exceptions.ContentLengthExceededException;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;

import java.util.Map;

/** A body over {@code micronaut.server.max-request-size} (1 MiB) gets a short 413, not Micronaut's default page. */
@Produces
@Singleton
@Replaces(ContentLengthExceededHandler.class)
@Requires(classes = {ContentLengthExceededException.class, ExceptionHandler.class})
public class PayloadTooLargeHandler implements ExceptionHandler<ContentLengthExceededException, HttpResponse<Map<String, String>>> {

    @Override
    public HttpResponse<Map<String, String>> handle(HttpRequest request, ContentLengthExceededException exception) {
        return ErrorBodies.of(HttpStatus.REQUEST_ENTITY_TOO_LARGE, "payload_too_large", "body exceeds 1 MiB");
    }
}
