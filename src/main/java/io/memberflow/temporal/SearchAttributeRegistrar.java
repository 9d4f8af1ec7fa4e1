package io.memberflow.temporal;

import io.memberflow.config.TemporalProperties;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.api.operatorservice.v1.AddSearchAttributesRequest;
import io.temporal.serviceclient.OperatorServiceStubs;
import io.temporal.serviceclient.OperatorServiceStubsOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Registers the search attributes the customer workflow upserts. Idempotent ("already exists" is fine). Where
 * the server refuses (Temporal Cloud registers them in its console or with tcld), it logs the commands to run.
 */
@Singleton
public class SearchAttributeRegistrar {
    private static final Logger LOG = LoggerFactory.getLogger(SearchAttributeRegistrar.class);

    /** Name and type of every search attribute memberflow sets. */
    public static final Map<String, IndexedValueType> ATTRIBUTES = new LinkedHashMap<>();

    static {
        ATTRIBUTES.put("MemberState", IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD);
        ATTRIBUTES.put("NeedsAttention", IndexedValueType.INDEXED_VALUE_TYPE_BOOL);
        ATTRIBUTES.put("PlanName", IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD);
    }

    private final WorkflowServiceStubs stubs;
    private final TemporalProperties properties;

    public SearchAttributeRegistrar(WorkflowServiceStubs stubs, TemporalProperties properties) {
        this.stubs = stubs;
        this.properties = properties;
    }

    public void register() {
        OperatorServiceStubs operator = OperatorServiceStubs.newServiceStubs(OperatorServiceStubsOptions.newBuilder()
                .setChannel(stubs.getRawChannel()).validateAndBuildWithDefaults());
        try {
            ATTRIBUTES.forEach((name, type) -> {
                try {
                    operator.blockingStub().addSearchAttributes(AddSearchAttributesRequest.newBuilder()
                            .setNamespace(properties.namespace()).putSearchAttributes(name, type).build());
                    LOG.info("Registered search attribute {} ({})", name, type);
                } catch (StatusRuntimeException e) {
                    if (e.getStatus().getCode() != Status.Code.ALREADY_EXISTS) {
                        LOG.warn("Could not register search attribute {} ({}); register it once with: "
                                + "temporal operator search-attribute create --namespace {} --name {} --type {}",
                                name, e.getStatus().getCode(), properties.namespace(), name, cliType(type));
                    }
                }
            });
        } finally {
            operator.shutdown();
        }
    }

    static String cliType(IndexedValueType type) {
        return type == IndexedValueType.INDEXED_VALUE_TYPE_BOOL ? "Bool" : "Keyword";
    }
}
