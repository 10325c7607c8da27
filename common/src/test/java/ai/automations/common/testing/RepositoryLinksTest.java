package ai.automations.common.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * The READMEs and docs/ link only to files of this repository that exist (a link to a web page is fine; a path out
 * of the repository, such as the contract's steering copy, is not).
 */
class RepositoryLinksTest {

    private static final Pattern LINK = Pattern.compile("\\]\\(([^)\\s]+)\\)");

    @Test
    void everyRelativeLinkIsAFileOfThisRepository() throws IOException {
        Path root = Path.of("..").toAbsolutePath().normalize();
        List<Path> documents = new ArrayList<>(List.of(root.resolve("README.md")));
        try (Stream<Path> modules = Files.list(root); Stream<Path> docs = Files.list(root.resolve("docs"))) {
            modules.map(module -> module.resolve("README.md")).filter(Files::exists).forEach(documents::add);
            docs.filter(doc -> doc.toString().endsWith(".md")).forEach(documents::add);
        }
        List<String> broken = new ArrayList<>();
        int links = 0;
        for (Path document : documents) {
            Matcher m = LINK.matcher(Files.readString(document));
            while (m.find()) {
                String target = m.group(1);
                if (target.startsWith("http://") || target.startsWith("https://") || target.startsWith("#")) {
                    continue;
                }
                links++;
                Path file = document.getParent().resolve(target.replaceFirst("#.*$", "")).normalize();
                if (!file.startsWith(root) || !Files.exists(file)) {
                    broken.add(root.relativize(document) + " -> " + target);
                }
            }
        }
        assertThat(documents).contains(root.resolve("registry-service/README.md"), root.resolve("docs/api.md"));
        assertThat(links).isGreaterThan(10);
        assertThat(broken).isEmpty();
    }
}
