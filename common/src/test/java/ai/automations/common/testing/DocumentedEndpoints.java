package ai.automations.common.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The endpoints {@code docs/api.md} documents, by service (the {@code ## <name>-service} section they are in), and
 * the check that a service's OpenAPI document serves each of them: the API reference cannot name a path that does
 * not exist. Path parameters match whatever their names ({@code {e}} and {@code {entity}} are the same segment).
 */
public final class DocumentedEndpoints {

    private static final Pattern SECTION = Pattern.compile("^## ([a-z]+-service)\\b.*");
    private static final Pattern ENDPOINT = Pattern.compile("`(GET|POST|PUT|PATCH|DELETE) (/[^`\\s]*)`");

    private DocumentedEndpoints() {
    }

    /** {@code docs/api.md} of the repository, from a module's directory (where tests run). */
    public static Path reference() {
        Path doc = Path.of("..", "docs", "api.md");
        if (!Files.exists(doc)) {
            throw new IllegalStateException("docs/api.md not found from " + Path.of("").toAbsolutePath());
        }
        return doc;
    }

    /** Every {@code METHOD /path} the document names in the section of {@code service}, in order. */
    public static List<String> of(Path doc, String service) {
        List<String> endpoints = new ArrayList<>();
        String section = null;
        try {
            for (String line : Files.readAllLines(doc)) {
                if (line.startsWith("## ")) {
                    Matcher m = SECTION.matcher(line);
                    section = m.matches() ? m.group(1) : null;
                    continue;
                }
                Matcher m = ENDPOINT.matcher(line);
                while (m.find()) {
                    if (section == null) {
                        throw new IllegalStateException("'" + m.group() + "' is documented outside every "
                                + "service's section");
                    }
                    if (section.equals(service)) {
                        endpoints.add(m.group(1) + " " + m.group(2));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return endpoints;
    }

    /** The documented endpoints the OpenAPI document (JSON) does not serve. */
    public static List<String> notServed(List<String> documented, String openApiJson) {
        Set<String> served = new LinkedHashSet<>();
        try {
            JsonNode paths = new ObjectMapper().readTree(openApiJson).path("paths");
            Iterator<String> names = paths.fieldNames();
            while (names.hasNext()) {
                String path = names.next();
                paths.get(path).fieldNames().forEachRemaining(method -> served.add(
                        method.toUpperCase(Locale.ROOT) + " " + normalise(path)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return documented.stream().filter(endpoint -> !served.contains(normalise(endpoint))).toList();
    }

    private static String normalise(String endpoint) {
        return endpoint.replaceAll("\\{[^}]*}", "{}").replaceAll("/$", "");
    }
}
