package io.memberflow.support;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.BlockingHttpClient;
import io.micronaut.http.client.exceptions.HttpClientResponseException;

/** Status and body of an exchange, whatever the status (the Micronaut client throws on 4xx/5xx). */
public record HttpResult(int status, String body) {
    public static HttpResult exchange(BlockingHttpClient client, HttpRequest<?> request) {
        try {
            var response = client.exchange(request, String.class);
            return new HttpResult(response.code(), response.getBody().orElse(""));
        } catch (HttpClientResponseException e) {
            return new HttpResult(e.getStatus().getCode(), e.getResponse().getBody(String.class).orElse(""));
        }
    }
}
