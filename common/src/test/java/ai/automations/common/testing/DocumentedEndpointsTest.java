package ai.automations.common.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The reference parser finds endpoints per service section, and the check names what a service does not serve. */
class DocumentedEndpointsTest {

    @Test
    void endpointsAreReadPerServiceSectionAndComparedWithOpenApi(@TempDir Path dir) throws IOException {
        Path doc = dir.resolve("api.md");
        Files.writeString(doc, """
                # API
                ## registry-service (:8081)
                | `POST /api/v1/entities` · `GET /api/v1/entities/{e}` | x |
                ### Runs
                | `PATCH /api/v1/entities/{e}/projects/{p}/runs/{runId}` | y |
                ## trigger-service (:8082)
                | `POST /api/v1/events` | z |
                """);
        List<String> registry = DocumentedEndpoints.of(doc, "registry-service");
        assertThat(registry).containsExactly("POST /api/v1/entities", "GET /api/v1/entities/{e}",
                "PATCH /api/v1/entities/{e}/projects/{p}/runs/{runId}");
        assertThat(DocumentedEndpoints.of(doc, "trigger-service")).containsExactly("POST /api/v1/events");

        String openApi = """
                {"paths": {"/api/v1/entities": {"post": {}},
                           "/api/v1/entities/{entity}": {"get": {}}}}""";
        assertThat(DocumentedEndpoints.notServed(registry, openApi))
                .containsExactly("PATCH /api/v1/entities/{e}/projects/{p}/runs/{runId}");
    }

    @Test
    void anEndpointOutsideEveryServiceSectionIsAnError(@TempDir Path dir) throws IOException {
        Path doc = dir.resolve("api.md");
        Files.writeString(doc, "## Conventions\n`GET /api/v1/nowhere`\n");
        assertThatThrownBy(() -> DocumentedEndpoints.of(doc, "registry-service")).hasMessageContaining("nowhere");
    }

    @Test
    void theRepositoryReferenceDocumentsEveryService() {
        for (String service : List.of("registry-service", "trigger-service", "action-service", "secrets-service")) {
            assertThat(DocumentedEndpoints.of(DocumentedEndpoints.reference(), service)).as(service).isNotEmpty();
        }
    }
}
