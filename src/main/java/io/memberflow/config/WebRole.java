package io.memberflow.config;

import io.micronaut.context.annotation.Requires;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A bean of the web side: the webhooks, the relay that hands events to Temporal and the admin pages. It exists in the
 * roles {@code web} and {@code all} ({@code memberflow.role}, {@code MEMBERFLOW_ROLE}), never in {@code worker}.
 * With {@link WorkerRole} this is the only place the role setting is read for wiring.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
@Requires(property = Roles.PROPERTY, notEquals = Roles.WORKER)
public @interface WebRole {
}
