package io.memberflow.deploy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static io.memberflow.deploy.DeployFiles.at;
import static io.memberflow.deploy.DeployFiles.map;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Helm chart in helm/memberflow, checked without Helm: its values files and the shape of its templates.
 * scripts/helm-check.sh lints and renders the chart with a real Helm.
 */
class HelmChartStructureTest {

    private static final String CHART = "helm/memberflow/";

    private static Map<String, Object> values() {
        return DeployFiles.yaml(CHART + "values.yaml");
    }

    private static Map<String, Object> productionValues() {
        return DeployFiles.yaml(CHART + "values-production.yaml");
    }

    @Test
    void givenChartYaml_thenItIsAHelm3ApplicationChartWithAnAppVersion() {
        Map<String, Object> chart = DeployFiles.yaml(CHART + "Chart.yaml");
        assertThat(chart).containsEntry("apiVersion", "v2").containsEntry("name", "memberflow")
                .containsEntry("type", "application");
        assertThat(String.valueOf(chart.get("version"))).matches("\\d+\\.\\d+\\.\\d+");
        assertThat(String.valueOf(chart.get("appVersion"))).matches("\\d+\\.\\d+\\.\\d+.*");
        assertThat(at(values(), "image.tag")).as("image.tag defaults to the chart's appVersion").isEqualTo("");
    }

    @Test
    void givenTheChart_thenItHasEveryTemplateTheDeploymentNeeds() {
        for (String template : List.of("_helpers.tpl", "deployment-web.yaml", "deployment-worker.yaml", "service.yaml",
                "ingress.yaml", "configmap.yaml", "pdb.yaml", "serviceaccount.yaml", "NOTES.txt")) {
            assertThat(Files.isRegularFile(DeployFiles.file(CHART + "templates/" + template))).as(template).isTrue();
        }
        assertThat(Files.isRegularFile(DeployFiles.file(CHART + "values.schema.json"))).isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"values.yaml", "values-production.yaml"})
    void givenAValuesFile_whenScanningEveryKey_thenCredentialsAreOnlyReferencedNeverInlined(String file) {
        assertThat(DeployFiles.inlineCredentials(DeployFiles.yaml(CHART + file))).isEmpty();
    }

    @Test
    void givenAValuesTreeWithAnInlineCredential_thenTheScanFindsIt() {
        Map<String, Object> leaky = Map.of(
                "secrets", Map.of("kitApiKey", Map.of("key", "KIT_API_KEY"), "adminToken", "hunter2"),
                "postgresql", Map.of("password", "s3cret"),
                "temporal", Map.of("apiKey", Map.of("value", "abc")),
                "extraEnv", List.of(Map.of("name", "STRIPE_WEBHOOK_SECRET", "value", "whsec_0123456789abcdef")));
        assertThat(DeployFiles.inlineCredentials(leaky)).hasSize(4)
                .anySatisfy(f -> assertThat(f).startsWith("secrets.adminToken"))
                .anySatisfy(f -> assertThat(f).startsWith("postgresql.password"))
                .anySatisfy(f -> assertThat(f).startsWith("temporal.apiKey.value"))
                .anySatisfy(f -> assertThat(f).startsWith("extraEnv[0].value"));
    }

    @Test
    void givenTheDefaultValues_thenEveryCredentialNamesAKeyOfAnExistingSecret() {
        Map<String, Object> secrets = map(values().get("secrets"), "secrets");
        assertThat(secrets).containsKeys("existingSecret", "stripeWebhookSecret", "stripeApiKey", "circleApiToken",
                "kitApiKey", "adminToken", "supportWebhookUrl");
        secrets.forEach((name, ref) -> {
            if (!name.equals("existingSecret")) {
                assertThat(map(ref, name)).containsKey("key").containsKey("optional");
            }
        });
        assertThat(at(values(), "secrets.stripeWebhookSecret.optional")).isEqualTo(false);
        assertThat(at(values(), "secrets.kitApiKey.optional")).isEqualTo(true);
        assertThat(map(at(values(), "postgresql.passwordSecret"), "passwordSecret")).containsKeys("name", "key");
        assertThat(map(at(values(), "temporal.apiKey"), "temporal.apiKey")).containsKeys("existingSecret", "key");
        assertThat(map(at(values(), "temporal.tls"), "temporal.tls")).containsKeys("enabled", "existingSecret");
    }

    @Test
    void givenTheTemplates_thenCredentialsReachThePodOnlyThroughSecretKeyRef() throws IOException {
        String helpers = DeployFiles.read(CHART + "templates/_helpers.tpl");
        assertThat(helpers).contains("secretKeyRef:");
        for (String env : List.of("STRIPE_WEBHOOK_SECRET", "STRIPE_API_KEY", "CIRCLE_API_TOKEN", "KIT_API_KEY",
                "ADMIN_TOKEN", "SUPPORT_WEBHOOK_URL", "DATASOURCES_DEFAULT_PASSWORD", "TEMPORAL_API_KEY")) {
            // Each is passed to the secretEnv helper by name, never written as `- name: X / value: ...`.
            assertThat(helpers).contains("\"" + env + "\"").doesNotContain("- name: " + env + "\n  value:");
        }
        try (Stream<Path> templates = Files.list(DeployFiles.file(CHART + "templates"))) {
            templates.forEach(t -> {
                try {
                    assertThat(Files.readString(t)).as(t.getFileName() + " creates no Secret")
                            .doesNotContainPattern("(?m)^kind:\\s*Secret\\s*$");
                } catch (IOException e) {
                    throw new AssertionError(e);
                }
            });
        }
    }

    @Test
    void givenTheDefaultValues_thenProbesUseTheMicronautHealthEndpoints() {
        Map<String, Object> v = values();
        assertThat(at(v, "probes.liveness.path")).isEqualTo("/health/liveness");
        assertThat(at(v, "probes.readiness.path")).isEqualTo("/health/readiness");
        assertThat(String.valueOf(at(v, "probes.startup.path"))).startsWith("/health");
        int startupBudget = (Integer) at(v, "probes.startup.periodSeconds") * (Integer) at(v, "probes.startup.failureThreshold");
        assertThat(startupBudget).as("seconds allowed for JVM start and migrations").isGreaterThanOrEqualTo(120);
    }

    @Test
    void givenTheDefaultValues_thenSplitIsOffAndWebAndWorkerAreSizedSeparately() {
        Map<String, Object> v = values();
        assertThat(at(v, "split.enabled")).isEqualTo(false);
        assertThat(at(v, "replicaCount")).isInstanceOf(Integer.class);
        for (String component : List.of("web", "worker")) {
            assertThat(at(v, "split." + component + ".replicaCount")).isInstanceOf(Integer.class);
            assertThat(map(at(v, "split." + component + ".resources"), component + ".resources"))
                    .containsKeys("requests", "limits");
        }
        assertThat(map(at(v, "resources"), "resources")).containsKeys("requests", "limits");
    }

    @Test
    void givenTheTemplates_thenEachDeploymentSetsItsOwnRole() {
        String web = DeployFiles.read(CHART + "templates/deployment-web.yaml");
        String worker = DeployFiles.read(CHART + "templates/deployment-worker.yaml");
        assertThat(web).contains("\"role\" \"web\"").contains("\"role\" \"all\"").contains(".Values.split.enabled");
        assertThat(worker).contains("\"role\" \"worker\"").contains(".Values.split.enabled")
                .doesNotContain("\"role\" \"all\"");
        assertThat(DeployFiles.read(CHART + "templates/_helpers.tpl")).contains("- name: MEMBERFLOW_ROLE");
    }

    @Test
    void givenTheProductionValues_thenWebAndWorkerScaleSeparatelyBehindATlsIngressOnTemporalCloud() {
        Map<String, Object> p = productionValues();
        assertThat(at(p, "split.enabled")).isEqualTo(true);
        assertThat(at(p, "split.web.replicaCount")).isEqualTo(2);
        assertThat(at(p, "split.worker.replicaCount")).isEqualTo(3);
        assertThat(at(p, "ingress.enabled")).isEqualTo(true);
        assertThat((List<?>) at(p, "ingress.tls")).isNotEmpty();
        assertThat(String.valueOf(at(p, "temporal.apiKey.existingSecret"))).isNotBlank();
        assertThat(at(p, "temporal.tls.enabled")).isEqualTo(true);
        assertThat(String.valueOf(at(p, "postgresql.url"))).startsWith("jdbc:postgresql://");
        assertThat(String.valueOf(at(p, "postgresql.passwordSecret.name"))).isNotBlank();
        assertThat(map(at(p, "config.plans"), "config.plans")).isNotEmpty();
    }

    @Test
    void givenTheDefaultValues_thenPodsRunAsTheDockerfilesNonRootUser() {
        Map<String, Object> v = values();
        assertThat(at(v, "podSecurityContext.runAsNonRoot")).isEqualTo(true);
        assertThat(at(v, "securityContext.allowPrivilegeEscalation")).isEqualTo(false);
        Matcher user = Pattern.compile("(?m)^USER\\s+(\\d+)").matcher(DeployFiles.read("Dockerfile"));
        assertThat(user.find()).as("the Dockerfile switches to a numeric user").isTrue();
        assertThat(at(v, "podSecurityContext.runAsUser")).isEqualTo(Integer.parseInt(user.group(1)));
        assertThat(DeployFiles.read("Dockerfile")).contains("FROM eclipse-temurin:17-jre").contains("EXPOSE 8080")
                .as("the service binds loopback by default; the image opens it").contains("MICRONAUT_SERVER_HOST=0.0.0.0");
    }

    @Test
    void givenTheChart_thenPodsListenBeyondLoopbackAndOpenMetricsOnlyWhileScrapeAnnotationsAreOn() {
        String helpers = DeployFiles.read("helm/memberflow/templates/_helpers.tpl");
        assertThat(helpers).contains("- name: MICRONAUT_SERVER_HOST\n  value: \"0.0.0.0\"");
        assertThat(helpers).containsPattern("if \\$v\\.metrics\\.podAnnotations }}\\n(\\{\\{-[^\\n]*\\n)?- name: MEMBERFLOW_METRICS_PUBLIC");
    }
}
