package io.memberflow.config;

import io.micronaut.context.annotation.EachProperty;
import io.micronaut.context.annotation.Parameter;
import io.micronaut.core.annotation.Nullable;

import java.util.List;

/** One named plan: {@code memberflow.plans.<name>.stripe-price-ids / circle-access-group-ids / kit-tag-ids}. */
@EachProperty("memberflow.plans")
public record PlanProperties(@Parameter String name,
                             @Nullable List<String> stripePriceIds,
                             @Nullable List<Long> circleAccessGroupIds,
                             @Nullable List<Long> kitTagIds) {
}
