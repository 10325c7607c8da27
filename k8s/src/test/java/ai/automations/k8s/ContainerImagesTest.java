package ai.automations.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.apps.Deployment;

/**
 * The Dockerfiles of the four services and the console agree with them and the chart: the port the module listens
 * on, a numeric non-root user that the chart's runAsUser names for that flavor, and the base images of the Quarkus
 * guides. The JVM images themselves are built by Jib (the root pom's {@code images} profile, bin/lib/build-images.sh)
 * and run by bin/lib/test-images.sh; here their names, user and list are checked against the chart and the scripts.
 */
class ContainerImagesTest {

    private static final Map<String, String> BASE_IMAGES = Map.of(
            "jvm", "registry.access.redhat.com/ubi9/openjdk-17-runtime:",
            "native", "quay.io/quarkus/ubi9-quarkus-micro-image:");

    @Test
    void everyServiceHasAJvmAndANativeDockerfileThatAgreeWithTheChart() {
        for (String service : ServiceSources.serviceNames()) {
            String port = ServiceSources.of(service).applicationProperties().stream()
                    .filter(k -> k.name().equals("quarkus.http.port") && k.profiles().isEmpty())
                    .findFirst().orElseThrow(() -> new AssertionError(service + " sets no quarkus.http.port"))
                    .value();
            for (String flavor : List.of("jvm", "native")) {
                String dockerfile = read(Chart.root().resolve(service + "/src/main/docker/Dockerfile." + flavor));
                String what = service + " Dockerfile." + flavor;
                assertThat(single(dockerfile, "^FROM (\\S+)")).as(what).startsWith(BASE_IMAGES.get(flavor));
                assertThat(single(dockerfile, "^EXPOSE (\\d+)")).as(what + " port").isEqualTo(port);
                String user = single(dockerfile, "^USER (\\S+)");
                assertThat(user).as(what + " user").matches("[1-9][0-9]*");

                Manifests manifests = flavor.equals("jvm") ? Renders.all().get("jvm images") : Renders.defaults();
                Deployment deployment = manifests.deployment(service);
                assertThat(deployment.getSpec().getTemplate().getSpec().getSecurityContext().getRunAsUser())
                        .as(what + ": the chart runs it as the image's user").isEqualTo(Long.parseLong(user));
                assertThat(WorkloadsTest.onlyContainer(deployment).getPorts().get(0).getContainerPort())
                        .as(what + ": the chart's container port").isEqualTo(Integer.parseInt(port));
            }
            String jvm = read(Chart.root().resolve(service + "/src/main/docker/Dockerfile.jvm"));
            assertThat(jvm).as(service + ": fast-jar layers")
                    .contains("target/quarkus-app/lib/", "target/quarkus-app/app/", "target/quarkus-app/quarkus/");
            assertThat(read(Chart.root().resolve(service + "/src/main/docker/Dockerfile.native")))
                    .contains("target/*-runner");
        }
    }

    @Test
    void theImagesJibBuildsAreTheOnesTheChartAndBinAutomationsRun() {
        String pom = read(Chart.root().resolve("pom.xml"));
        String profile = pom.substring(pom.indexOf("<id>images</id>"), pom.indexOf("</profile>", pom.indexOf("<id>images</id>")));
        String prefix = single(profile, "<images.registry>([^<]+)</images.registry>") + "/"
                + single(profile, "<images.group>([^<]+)</images.group>");
        String tag = single(profile, "<images.tag>([^<]+)</images.tag>");
        assertThat(single(profile, "<quarkus.jib.user>([^<]+)</quarkus.jib.user>")).as("the images' user")
                .isEqualTo(String.valueOf(Renders.all().get("jvm images").deployment("registry-service")
                        .getSpec().getTemplate().getSpec().getSecurityContext().getRunAsUser()));
        String script = read(Chart.root().resolve("bin/automations"));
        assertThat(single(script, "^IMAGE_PREFIX=(\\S+)") + ":" + single(script, "^IMAGE_TAG=(\\S+)"))
                .as("bin/automations' images").isEqualTo(prefix + ":" + tag);
        assertThat(single(read(Chart.root().resolve("bin/lib/build-images.sh")),
                "AUTOMATIONS_IMAGE_SERVICES:-([^}]+)}").split(","))
                .as("the images bin/lib/build-images.sh builds")
                .containsExactlyInAnyOrderElementsOf(ServiceSources.serviceNames());
        assertThat(single(read(Chart.root().resolve("bin/lib/test-images.sh")), "^APPS=\\((.+)\\)$").split(" "))
                .as("the containers bin/lib/test-images.sh checks")
                .containsExactlyInAnyOrderElementsOf(ServiceSources.serviceNames());
        for (String service : ServiceSources.serviceNames()) {
            assertThat(WorkloadsTest.onlyContainer(Renders.all().get("jvm images").deployment(service)).getImage())
                    .as(service).isEqualTo(prefix + "/" + service + ":" + tag);
        }
    }

    private static String single(String dockerfile, String regex) {
        Matcher matcher = Pattern.compile(regex, Pattern.MULTILINE).matcher(dockerfile);
        assertThat(matcher.find()).as(regex).isTrue();
        String value = matcher.group(1);
        assertThat(matcher.find()).as("only one " + regex).isFalse();
        return value;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
