package io.memberflow.admin;

import io.memberflow.support.DatabaseTest;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.util.Arrays;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Measures the overview at 10,000 customers (50,000 audit rows, 10,000 inbox events) and prints the times; not
 * part of the suite (no *Test suffix) and asserts no time. Run: {@code mvn -B test -Dtest=OverviewRenderTiming}.
 */
@MicronautTest
class OverviewRenderTiming implements DatabaseTest {
    static final String TOKEN = "timing-admin-token";

    @Override
    public Map<String, String> extraProperties() {
        return Map.of("memberflow.admin.token", TOKEN);
    }

    @Inject
    DataSource dataSource;
    @Inject
    OverviewService overview;
    @Inject
    @Client("/")
    HttpClient http;

    @Test
    void givenTenThousandCustomers_thenPrintHowLongTheOverviewTakes() {
        new ConsoleSeed(dataSource).bulk("cus_t", 10_000);
        for (int i = 0; i < 5; i++) {
            OverviewPage.render(overview.overview(), null);
        }
        long[] render = new long[20];
        for (int i = 0; i < render.length; i++) {
            long start = System.nanoTime();
            String html = OverviewPage.render(overview.overview(), null);
            render[i] = System.nanoTime() - start;
            assertThat(html).contains("id=\"count-all\">10000<");
        }
        long[] page = new long[20];
        for (int i = 0; i < page.length; i++) {
            long start = System.nanoTime();
            http.toBlocking().retrieve(HttpRequest.GET("/admin/ui").bearerAuth(TOKEN));
            page[i] = System.nanoTime() - start;
        }
        long start = System.nanoTime();
        http.toBlocking().retrieve(HttpRequest.GET("/admin/ui/members?state=ACTIVE&offset=2000").bearerAuth(TOKEN));
        long list = System.nanoTime() - start;
        start = System.nanoTime();
        http.toBlocking().retrieve(HttpRequest.GET("/admin/ui/members?q=member777").bearerAuth(TOKEN));
        long search = System.nanoTime() - start;
        System.out.printf("OVERVIEW TIMING at 10,000 customers: compute+render median %.1f ms (max %.1f); GET /admin/ui median"
                        + " %.1f ms (max %.1f); members by state page 41: %.1f ms; search: %.1f ms%n",
                median(render), max(render), median(page), max(page), list / 1e6, search / 1e6);
    }

    private static double median(long[] nanos) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2] / 1e6;
    }

    private static double max(long[] nanos) {
        return Arrays.stream(nanos).max().orElse(0) / 1e6;
    }
}
