package io.memberflow.admin;

import io.memberflow.support.DatabaseTest;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** The admin page's session cookie, sign-out, CSRF and same-origin checks, and response headers, over real HTTP. */
@MicronautTest
class AdminSessionTest implements DatabaseTest {
    static final String TOKEN = "session-admin-token-42";

    @Override
    public Map<String, String> extraProperties() {
        return Map.of("memberflow.admin.token", TOKEN);
    }

    @Inject
    EmbeddedServer server;

    private final HttpClient http = HttpClient.newHttpClient(); // never follows redirects

    private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(server.getURL() + path));
    }

    private HttpRequest.Builder form(String path, Map<String, String> fields) {
        String body = fields.entrySet().stream().map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return request(path).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body));
    }

    private HttpResponse<String> signIn(String... headers) throws Exception {
        HttpRequest.Builder login = form("/admin/login", Map.of("token", TOKEN));
        for (int i = 0; i + 1 < headers.length; i += 2) {
            login.header(headers[i], headers[i + 1]);
        }
        return send(login);
    }

    private static String cookieOf(HttpResponse<String> response) {
        String setCookie = response.headers().firstValue("Set-Cookie").orElseThrow();
        return setCookie.substring(0, setCookie.indexOf(';'));
    }

    private String csrfOnHomePage(String cookie) throws Exception {
        HttpResponse<String> home = send(request("/admin/ui").header("Cookie", cookie));
        Matcher m = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"").matcher(home.body());
        assertThat(m.find()).as("the page carries a CSRF token").isTrue();
        return m.group(1);
    }

    @Test
    void givenTheRightToken_whenSigningIn_thenTheCookieIsAnExpiringSignedSessionAndNotTheToken() throws Exception {
        HttpResponse<String> login = signIn();
        assertThat(login.statusCode()).isEqualTo(303);
        String setCookie = login.headers().firstValue("Set-Cookie").orElseThrow();
        assertThat(setCookie).startsWith("memberflow_admin=v1.").doesNotContain(TOKEN).containsIgnoringCase("HttpOnly")
                .contains("SameSite=Strict").contains("Path=/admin").contains("Max-Age=43200").doesNotContain("Secure");
        assertThat(send(request("/admin/ui").header("Cookie", cookieOf(login))).statusCode()).isEqualTo(200);
    }

    @Test
    void givenARequestForwardedOverHttps_thenTheSessionCookieIsSecure() throws Exception {
        assertThat(signIn("X-Forwarded-Proto", "https").headers().firstValue("Set-Cookie").orElseThrow()).contains("Secure");
    }

    @Test
    void givenTheTokenItselfAsCookie_thenThePageAsksToSignIn() throws Exception {
        HttpResponse<String> r = send(request("/admin/ui").header("Cookie", "memberflow_admin=" + TOKEN));
        assertThat(r.statusCode()).isEqualTo(303);
        assertThat(r.headers().firstValue("Location")).contains("/admin/login");
    }

    @Test
    void givenTheSessionCookie_thenTheJsonApiStillWantsTheBearerToken() throws Exception {
        String cookie = cookieOf(signIn());
        assertThat(send(request("/admin/customers/cus_x").header("Cookie", cookie)).statusCode()).isEqualTo(401);
    }

    @Test
    void givenAnActionFormWithoutTheCsrfToken_thenItIsRefusedAndWithItItIsSent() throws Exception {
        String cookie = cookieOf(signIn());
        Map<String, String> fields = Map.of("action", "retrySync", "actor", "sam", "reason", "test");
        HttpResponse<String> without = send(form("/admin/ui/customers/cus_csrf/actions", fields).header("Cookie", cookie));
        assertThat(without.statusCode()).isEqualTo(403);

        Map<String, String> withToken = new java.util.HashMap<>(fields);
        withToken.put("csrf", csrfOnHomePage(cookie));
        HttpResponse<String> with = send(form("/admin/ui/customers/cus_csrf/actions", withToken).header("Cookie", cookie)
                .header("Origin", server.getURL().toString()));
        assertThat(with.statusCode()).isEqualTo(303);
        assertThat(with.headers().firstValue("Location").orElseThrow()).startsWith("/admin/ui/customers/cus_csrf?flash=");
    }

    @Test
    void givenTheActionConfirmationStepWithoutTheCsrfTokenOrFromAnotherSite_thenItIsRefused() throws Exception {
        String cookie = cookieOf(signIn());
        Map<String, String> fields = Map.of("action", "block", "actor", "sam", "reason", "test");
        assertThat(send(form("/admin/ui/customers/cus_csrf/actions/confirm", fields).header("Cookie", cookie)).statusCode())
                .isEqualTo(403);
        Map<String, String> withToken = new java.util.HashMap<>(fields);
        withToken.put("csrf", csrfOnHomePage(cookie));
        assertThat(send(form("/admin/ui/customers/cus_csrf/actions/confirm", withToken).header("Cookie", cookie)
                .header("Origin", "https://evil.example")).statusCode()).isEqualTo(403);
    }

    @Test
    void givenAFormPostedFromAnotherSite_thenItIsRefusedEvenWithTheCsrfToken() throws Exception {
        String cookie = cookieOf(signIn());
        Map<String, String> fields = Map.of("action", "block", "actor", "x", "reason", "y", "csrf", csrfOnHomePage(cookie));
        assertThat(send(form("/admin/ui/customers/cus_x/actions", fields).header("Cookie", cookie)
                .header("Origin", "https://evil.example")).statusCode()).isEqualTo(403);
        assertThat(send(form("/admin/ui/customers/cus_x/actions", fields).header("Cookie", cookie)
                .header("Sec-Fetch-Site", "cross-site")).statusCode()).isEqualTo(403);
        assertThat(send(form("/admin/ui/customers/cus_x/actions", fields).header("Cookie", cookie)
                .header("Origin", "null")).statusCode()).as("an opaque origin without Sec-Fetch-Site").isEqualTo(403);
    }

    @Test
    void givenSignOut_thenTheCookieIsClearedAndTheSessionNoLongerWorks() throws Exception {
        String cookie = cookieOf(signIn());
        String csrf = csrfOnHomePage(cookie);
        HttpResponse<String> out = send(form("/admin/logout", Map.of("csrf", csrf)).header("Cookie", cookie));
        assertThat(out.statusCode()).isEqualTo(303);
        assertThat(out.headers().firstValue("Location")).contains("/admin/login");
        assertThat(out.headers().firstValue("Set-Cookie").orElseThrow()).startsWith("memberflow_admin=;").contains("Max-Age=0");
        assertThat(send(request("/admin/ui").header("Cookie", cookie)).statusCode()).isEqualTo(303);
    }

    @Test
    void givenAdminAnswers_thenTheyAreNotStoredNotFramedAndUnderAStrictContentPolicy() throws Exception {
        String cookie = cookieOf(signIn());
        for (HttpResponse<String> r : new HttpResponse[] {send(request("/admin/login")),
                send(request("/admin/ui").header("Cookie", cookie)), send(request("/admin/customers/cus_x"))}) {
            assertThat(r.headers().firstValue("Cache-Control")).contains("no-store");
            assertThat(r.headers().firstValue("X-Frame-Options")).contains("DENY");
            assertThat(r.headers().firstValue("Content-Security-Policy").orElseThrow())
                    .contains("frame-ancestors 'none'").contains("default-src 'none'");
        }
        assertThat(send(request("/admin/ui").header("Cookie", cookie)).body()).contains("id=\"sign-out\"");
    }
}
