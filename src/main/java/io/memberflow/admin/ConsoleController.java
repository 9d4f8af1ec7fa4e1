package io.memberflow.admin;

import io.memberflow.config.WebRole;
import io.memberflow.config.TemporalProperties;
import io.memberflow.persistence.ConsoleStore;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/** The console's pages: overview, member lists, a customer's page and the confirmation step of an action. */
@WebRole
@Controller("/admin")
@ExecuteOn(TaskExecutors.BLOCKING)
@Produces(MediaType.TEXT_HTML)
public class ConsoleController {
    private final AdminService admin;
    private final OverviewService overview;
    private final ConsoleStore store;
    private final LiveState liveState;
    private final PlanNames names;
    private final PageSession pageSession;
    private final CustomerPage.Links links;

    public ConsoleController(AdminService admin, OverviewService overview, ConsoleStore store, LiveState liveState,
                             PlanNames names, PageSession pageSession, TemporalProperties temporal,
                             @Value("${memberflow.temporal.ui-url}") String temporalUi) {
        this.admin = admin;
        this.overview = overview;
        this.store = store;
        this.liveState = liveState;
        this.names = names;
        this.pageSession = pageSession;
        this.links = new CustomerPage.Links(temporalUi, temporal.namespace());
    }

    /** The overview; with {@code q}, the members matching it (as {@code /admin/ui/members?q=} does). */
    @Get("/ui{?q}")
    public String home(HttpRequest<?> request, @Nullable @QueryValue String q) {
        if (q != null && !q.isBlank()) {
            return members(request, null, q, null);
        }
        return OverviewPage.render(overview.overview(), pageSession.csrf(request));
    }

    @Get("/ui/members{?state,q,offset}")
    public String members(HttpRequest<?> request, @Nullable @QueryValue String state, @Nullable @QueryValue String q,
                          @Nullable @QueryValue Integer offset) {
        String s = state == null || state.isBlank() ? null : state.trim();
        int from = offset == null ? 0 : Math.max(0, offset);
        return MemberListPage.render(store.members(s, q, MemberListPage.PAGE_SIZE, from), s, q, Instant.now(),
                pageSession.csrf(request));
    }

    @Get("/ui/customers/{customerId}{?flash}")
    public HttpResponse<String> customer(HttpRequest<?> request, @PathVariable String customerId, @Nullable @QueryValue String flash) {
        return admin.customer(customerId)
                .<HttpResponse<String>>map(d -> HttpResponse.ok(CustomerPage.render(d, liveState.of(customerId), names, links, flash,
                        pageSession.csrf(request), Instant.now())))
                .orElseGet(() -> notFound(customerId));
    }

    /** Step one of an action: says what it will do; the page's button posts it to {@code …/actions}. */
    @Post(value = "/ui/customers/{customerId}/actions/confirm", consumes = MediaType.APPLICATION_FORM_URLENCODED)
    public HttpResponse<String> confirm(HttpRequest<?> request, @PathVariable String customerId, @Body Map<String, String> form) {
        HttpResponse<String> refused = pageSession.csrfRefused(request, form);
        if (refused != null) {
            return refused;
        }
        Optional<AdminService.CustomerDetails> details = admin.customer(customerId);
        if (details.isEmpty()) {
            return notFound(customerId);
        }
        String action = form.getOrDefault("action", "");
        String actor = form.getOrDefault("actor", "").trim();
        String reason = form.getOrDefault("reason", "").trim();
        if (!ActionPlan.ACTIONS.contains(action) || actor.isEmpty() || reason.isEmpty()) {
            return HttpResponse.seeOther(java.net.URI.create("/admin/ui/customers/" + Html.segment(customerId) + "?flash="
                    + Html.segment("Not sent: choose an action and give your name and a reason")));
        }
        String who = details.get().email() == null ? customerId : details.get().email();
        String description = ActionPlan.describe(action, who, liveState.of(customerId), liveState, names);
        return HttpResponse.ok(CustomerPage.confirm(customerId, action, actor, reason, description, pageSession.csrf(request)));
    }

    private static HttpResponse<String> notFound(String customerId) {
        return HttpResponse.<String>notFound().body(Html.page("Not found", "<h1>No customer " + Html.esc(customerId) + "</h1>"));
    }
}
