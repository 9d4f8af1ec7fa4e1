package io.memberflow.admin;

import io.memberflow.persistence.CustomerView;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class AdminPagesTest {

    @Test
    void givenACustomerIdWithSlashesAndDots_thenLinksKeepItOnePathSegment() {
        CustomerView v = new CustomerView("cus_A/../cus_B", "a@example.com", "ACTIVE", "pro", true, Set.of(), Set.of(),
                "NONE", null, null, null, false, null, null, null);
        String html = AdminPages.home("cus", List.of(v), List.of(), List.of(), "tok");
        assertThat(html).contains("href=\"/admin/ui/customers/cus_A%2F..%2Fcus_B\"").doesNotContain("href=\"/admin/ui/customers/cus_A/");
    }

    @Test
    void givenASession_thenThePageHasASignOutFormCarryingTheCsrfToken() {
        String html = AdminPages.home(null, List.of(), List.of(), List.of(), "tok\"en");
        assertThat(html).contains("action=\"/admin/logout\"").contains("name=\"csrf\" value=\"tok&quot;en\"");
        assertThat(AdminPages.login(null)).doesNotContain("/admin/logout");
    }
}
