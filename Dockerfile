# memberflow runtime image.
#
# Build the jar first, then the image:
#   mvn -q -B package -DskipTests
#   docker build -t memberflow:0.1.0 .
#
# All configuration comes from the environment (README.md; helm/memberflow/values.yaml).
FROM eclipse-temurin:17-jre

# A fixed numeric uid/gid (10001) so Kubernetes' runAsNonRoot can verify it without resolving names.
RUN groupadd --system --gid 10001 memberflow \
 && useradd --system --uid 10001 --gid 10001 --no-create-home --home-dir /app \
      --shell /usr/sbin/nologin memberflow \
 && mkdir -p /app /config

WORKDIR /app
# Owned by root and only readable by the service user: the process cannot modify its own code.
COPY target/memberflow-0.1.0-SNAPSHOT.jar /app/memberflow.jar

# Size the heap from the container's memory limit; exit (and be restarted) rather than limp on after an OOM;
# compile with C1 only (docs/configuration.md, "The JIT": less CPU and a shorter tail on small boxes, measured).
# memberflow listens on 127.0.0.1 by default; in a container it must accept connections from outside it.
ENV JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError -XX:TieredStopAtLevel=1" \
    PORT=8080 \
    MICRONAUT_SERVER_HOST=0.0.0.0

USER 10001:10001
EXPOSE 8080

# Exec form: java is PID 1 and gets SIGTERM for a graceful shutdown. Arguments pass through, e.g.
#   docker run --rm memberflow:0.1.0 reconcile --url http://host.docker.internal:8080
# (`simulate` and `bench` are not in the service jar: run bench/target/memberflow-bench.jar on the host.)
ENTRYPOINT ["java", "-jar", "/app/memberflow.jar"]
