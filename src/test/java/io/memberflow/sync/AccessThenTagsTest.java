package io.memberflow.sync;

import io.memberflow.activities.AccessChange;
import io.memberflow.activities.CommunityAccessActivities;
import io.memberflow.activities.GrantThenTag;
import io.memberflow.activities.MarketingActivities;
import io.memberflow.activities.TagChange;
import io.memberflow.activities.TagOutcome;
import io.memberflow.activities.VendorFailures;
import io.temporal.failure.ApplicationFailure;
import org.junit.jupiter.api.Test;
import org.mockito.InOrder;

import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;

/** The paired activity: the grant first and unchanged in its failures; a tag failure handed back, never thrown. */
class AccessThenTagsTest {
    private final CommunityAccessActivities access = mock(CommunityAccessActivities.class);
    private final MarketingActivities marketing = mock(MarketingActivities.class);
    private final AccessThenTags paired = new AccessThenTags(access, marketing);
    private final GrantThenTag change = new GrantThenTag(
            new AccessChange("cus_1", "member@example.com", "Ada Lovelace", Set.of(101L), "evt_1"),
            new TagChange("cus_1", "member@example.com", "Ada", Set.of(9001L), "evt_1"));

    @Test
    void givenBothVendorsTakeIt_thenTheGrantComesBeforeTheTagsAndTheTagsCountAsAdded() {
        TagOutcome outcome = paired.grantAccessThenAddTags(change);

        InOrder order = inOrder(access, marketing);
        order.verify(access).grantAccess(change.access());
        order.verify(marketing).addTags(change.tags());
        assertThat(outcome).isEqualTo(TagOutcome.done());
    }

    @Test
    void givenTheGrantFails_thenTheActivityFailsWithTheSameErrorAndNoTagIsTried() {
        ApplicationFailure final403 = ApplicationFailure.newNonRetryableFailure("circle: HTTP 403", VendorFailures.FINAL);
        doThrow(final403).when(access).grantAccess(any());

        assertThatThrownBy(() -> paired.grantAccessThenAddTags(change)).isSameAs(final403);
        verify(marketing, never()).addTags(any());
    }

    @Test
    void givenKitFails_thenTheGrantStandsAndTheReasonIsReturnedForTheTagsOwnActivity() {
        doThrow(ApplicationFailure.newFailure("kit add tags: HTTP 503", VendorFailures.RETRYABLE))
                .when(marketing).addTags(any());

        TagOutcome outcome = paired.grantAccessThenAddTags(change);

        verify(access).grantAccess(change.access());
        assertThat(outcome.added()).isFalse();
        assertThat(outcome.failure()).isEqualTo("kit add tags: HTTP 503");
    }

    @Test
    void givenTagsOfAnotherCustomer_thenThePairIsRefused() {
        assertThatThrownBy(() -> new GrantThenTag(change.access(),
                new TagChange("cus_2", "other@example.com", "Bo", Set.of(9001L), "evt_1")))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
