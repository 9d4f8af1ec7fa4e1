package io.memberflow.temporal;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.Status;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.grpc.stub.StreamObserver;
import io.memberflow.support.Settings;
import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.api.operatorservice.v1.AddSearchAttributesRequest;
import io.temporal.api.operatorservice.v1.AddSearchAttributesResponse;
import io.temporal.api.operatorservice.v1.OperatorServiceGrpc;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/** Registering the search attributes against a stand-in operator service that accepts, knows or refuses each. */
class SearchAttributeRegistrarTest {

    /** Answers AddSearchAttributes with the status set for the attribute's name (OK when none is set). */
    static final class OperatorService extends OperatorServiceGrpc.OperatorServiceImplBase {
        final List<AddSearchAttributesRequest> requests = new CopyOnWriteArrayList<>();
        final Map<String, Status> answers = new ConcurrentHashMap<>();

        @Override
        public void addSearchAttributes(AddSearchAttributesRequest request,
                                        StreamObserver<AddSearchAttributesResponse> response) {
            requests.add(request);
            Status status = request.getSearchAttributesMap().keySet().stream().map(answers::get)
                    .filter(s -> s != null).findFirst().orElse(Status.OK);
            if (status.isOk()) {
                response.onNext(AddSearchAttributesResponse.getDefaultInstance());
                response.onCompleted();
            } else {
                response.onError(status.asRuntimeException());
            }
        }
    }

    private final OperatorService operator = new OperatorService();
    private final ListAppender<ILoggingEvent> log = new ListAppender<>();
    private Server server;
    private ManagedChannel channel;
    private WorkflowServiceStubs stubs;

    @BeforeEach
    void start() throws IOException {
        String name = InProcessServerBuilder.generateName();
        server = InProcessServerBuilder.forName(name).directExecutor().addService(operator).build().start();
        channel = InProcessChannelBuilder.forName(name).directExecutor().build();
        stubs = WorkflowServiceStubs.newServiceStubs(WorkflowServiceStubsOptions.newBuilder().setChannel(channel).build());
        log.start();
        ((Logger) LoggerFactory.getLogger(SearchAttributeRegistrar.class)).addAppender(log);
    }

    @AfterEach
    void stop() {
        ((Logger) LoggerFactory.getLogger(SearchAttributeRegistrar.class)).detachAppender(log);
        stubs.shutdownNow();
        channel.shutdownNow();
        server.shutdownNow();
    }

    private void register() {
        new SearchAttributeRegistrar(stubs, Settings.temporal(null)).register();
    }

    private List<String> warnings() {
        return log.list.stream().filter(e -> e.getLevel() == ch.qos.logback.classic.Level.WARN)
                .map(ILoggingEvent::getFormattedMessage).toList();
    }

    @Test
    void givenAServerThatAcceptsThem_thenTheThreeAttributesAreRegisteredWithTheirTypesInTheNamespace() {
        register();

        assertThat(operator.requests).extracting(AddSearchAttributesRequest::getNamespace).containsOnly("default");
        assertThat(operator.requests).flatExtracting(r -> r.getSearchAttributesMap().entrySet()).containsExactly(
                Map.entry("MemberState", IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD),
                Map.entry("NeedsAttention", IndexedValueType.INDEXED_VALUE_TYPE_BOOL),
                Map.entry("PlanName", IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD));
        assertThat(warnings()).isEmpty();
    }

    @Test
    void givenAttributesThatAlreadyExist_thenRegisteringAgainIsQuiet() {
        SearchAttributeRegistrar.ATTRIBUTES.keySet().forEach(name -> operator.answers.put(name, Status.ALREADY_EXISTS));

        register();

        assertThat(operator.requests).hasSize(3);
        assertThat(warnings()).isEmpty();
    }

    @Test
    void givenAServerThatRefusesOne_thenTheOthersAreStillRegisteredAndTheLogSaysHowToRegisterItByHand() {
        operator.answers.put("NeedsAttention", Status.PERMISSION_DENIED);

        register();

        assertThat(operator.requests).hasSize(3);
        assertThat(warnings()).singleElement().asString()
                .contains("PERMISSION_DENIED")
                .contains("temporal operator search-attribute create --namespace default --name NeedsAttention --type Bool");
    }
}
