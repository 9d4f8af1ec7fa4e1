package io.memberflow.config;

/**
 * The process roles ({@code memberflow.role}): {@code all} runs everything in one process, {@code web} only the
 * {@link WebRole} beans, {@code worker} only the {@link WorkerRole} beans. Beans marked with neither exist in
 * every role.
 */
public final class Roles {
    public static final String PROPERTY = "memberflow.role";
    public static final String ALL = "all";
    public static final String WEB = "web";
    public static final String WORKER = "worker";

    private Roles() {
    }
}
