package io.memberflow.config;

import io.micronaut.context.annotation.Requires;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A bean of the worker side: the Temporal workers, their activities and the schedules that start jobs. It exists in
 * the roles {@code worker} and {@code all} ({@code memberflow.role}, {@code MEMBERFLOW_ROLE}), never in {@code web}.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
@Requires(property = Roles.PROPERTY, notEquals = Roles.WEB)
public @interface WorkerRole {
}
