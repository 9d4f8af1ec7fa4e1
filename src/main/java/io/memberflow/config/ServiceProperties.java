package io.memberflow.config;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.context.annotation.Context;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;

/**
 * The top-level {@code memberflow.*} settings (defaults in application.yml): the process's role, the grace period
 * (text, so that {@link EngineConfiguration} can name the key when it is not ISO-8601) and the history length after
 * which a customer's workflow continues as new.
 */
@Context
@ConfigurationProperties("memberflow")
public record ServiceProperties(
        @Pattern(regexp = Roles.ALL + "|" + Roles.WEB + "|" + Roles.WORKER,
                message = "memberflow.role (MEMBERFLOW_ROLE) must be all, web or worker")
        String role,
        @NotBlank(message = "memberflow.grace-period is required") String gracePeriod,
        @Positive(message = "memberflow.continue-as-new-after must be positive") int continueAsNewAfter) {
}
