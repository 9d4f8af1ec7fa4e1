package io.memberflow.admin;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import jakarta.inject.Singleton;

import java.util.Map;

/** The page session's CSRF token: put in every form, checked on every form post made with the session cookie. */
@Singleton
class PageSession {
    private final AdminSessions sessions;

    PageSession(AdminSessions sessions) {
        this.sessions = sessions;
    }

    /** The CSRF token for the pages of this request's session (null when it was authenticated by a bearer token). */
    @Nullable String csrf(HttpRequest<?> request) {
        String cookie = AdminAuthenticator.sessionCookie(request);
        return request.getAttribute(AdminAuthFilter.VIA).orElse(null) == AdminAuthenticator.Kind.SESSION && cookie != null
                ? sessions.csrfToken(cookie) : null;
    }

    /** A 403 page when a form sent with the session cookie lacks this session's CSRF token; null when it is fine. */
    @Nullable HttpResponse<String> csrfRefused(HttpRequest<?> request, Map<String, String> form) {
        if (request.getAttribute(AdminAuthFilter.VIA).orElse(null) != AdminAuthenticator.Kind.SESSION
                || sessions.csrfMatches(AdminAuthenticator.sessionCookie(request), form.get("csrf"))) {
            return null;
        }
        return HttpResponse.<String>status(HttpStatus.FORBIDDEN).body(Html.page("Refused",
                "<h1>Refused</h1><p>This form is out of date or did not come from the admin page. Reload the page and try again.</p>"));
    }
}
