package io.memberflow.admin;

import io.memberflow.support.DatabaseTest;
import io.memberflow.support.HttpResult;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

@MicronautTest
class AdminDisabledTest implements DatabaseTest {

    @Inject
    @Client("/")
    HttpClient http;

    @Test
    void givenNoAdminTokenConfigured_thenEveryAdminPathIsDisabledEvenWithAToken() {
        HttpResult r = HttpResult.exchange(http.toBlocking(), HttpRequest.GET("/admin/customers/cus_1").bearerAuth(""));
        assertThat(r.status()).isEqualTo(404);
        assertThat(r.body()).contains("admin_disabled");
        assertThat(HttpResult.exchange(http.toBlocking(), HttpRequest.GET("/admin/login")).status()).isEqualTo(404);
    }
}
