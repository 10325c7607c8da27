package ai.automations.k8s;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

import javax.xml.parsers.DocumentBuilderFactory;

import org.w3c.dom.Element;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The configuration names Quarkus extensions read, from the metadata each extension jar ships
 * ({@code META-INF/quarkus-config-doc/quarkus-config-model.json}). The extensions are this module's test
 * dependencies; a service's extensions are found by following the dependencies declared in the jars' own poms.
 */
final class ExtensionCatalog {

    static final String CONFIG_MODEL = "META-INF/quarkus-config-doc/quarkus-config-model.json";

    /** One configuration property of an extension: its name (quoted segments are map keys) and phase. */
    record ModelProperty(String property, String phase, String artifact) {
        boolean fixedAtBuildTime() {
            return "BUILD_TIME".equals(phase) || "BUILD_AND_RUN_TIME_FIXED".equals(phase);
        }
    }

    private static ExtensionCatalog instance;

    private final Map<String, Path> jars;

    private ExtensionCatalog(Map<String, Path> jars) {
        this.jars = jars;
    }

    static synchronized ExtensionCatalog fromClasspath() {
        if (instance == null) {
            Map<String, Path> jars = new HashMap<>();
            List<Path> unnamed = new ArrayList<>();
            Path repository = null;
            for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
                Path path = Path.of(entry);
                if (!entry.endsWith(".jar") || !Files.isRegularFile(path)) {
                    continue;
                }
                java.util.Optional<String> artifact = artifactOf(path);
                if (artifact.isPresent()) {
                    jars.putIfAbsent(artifact.get(), path);
                    if (repository == null) {
                        repository = repositoryRoot(path, artifact.get());
                    }
                } else {
                    unnamed.add(path);
                }
            }
            // Jars built without Maven (kafka-clients is built by Gradle) carry no pom.properties: their place in the
            // local repository says what they are.
            for (Path path : unnamed) {
                if (repository != null && path.startsWith(repository)) {
                    Path relative = repository.relativize(path);
                    int n = relative.getNameCount();
                    if (n >= 4) {
                        String groupId = relative.subpath(0, n - 3).toString().replace(File.separatorChar, '.');
                        jars.putIfAbsent(groupId + ":" + relative.getName(n - 3), path);
                    }
                }
            }
            instance = new ExtensionCatalog(jars);
        }
        return instance;
    }

    boolean has(String artifact) {
        return jars.containsKey(artifact);
    }

    /** The artifacts reachable from the given ones through their poms' runtime dependencies. */
    Set<String> closure(Set<String> roots) {
        Set<String> seen = new LinkedHashSet<>();
        Deque<String> todo = new ArrayDeque<>(roots);
        while (!todo.isEmpty()) {
            String artifact = todo.pop();
            if (!jars.containsKey(artifact) || !seen.add(artifact)) {
                continue;
            }
            todo.addAll(dependenciesOf(artifact));
        }
        return seen;
    }

    /** The configuration properties of the given artifacts. */
    List<ModelProperty> properties(Set<String> artifacts) {
        List<ModelProperty> properties = new ArrayList<>();
        for (String artifact : artifacts) {
            try (JarFile jar = new JarFile(jars.get(artifact).toFile())) {
                JarEntry model = jar.getJarEntry(CONFIG_MODEL);
                if (model == null) {
                    continue;
                }
                try (InputStream in = jar.getInputStream(model)) {
                    collect(new ObjectMapper().readTree(in), artifact, properties);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return properties;
    }

    private static void collect(JsonNode node, String artifact, List<ModelProperty> into) {
        if (node.isObject()) {
            JsonNode path = node.get("path");
            if (path != null && path.isObject() && path.has("property")) {
                String phase = node.path("phase").asText(null);
                into.add(new ModelProperty(path.get("property").asText(), phase, artifact));
                for (JsonNode additional : node.path("additionalPaths")) {
                    into.add(new ModelProperty(additional.path("property").asText(), phase, artifact));
                }
            }
            node.elements().forEachRemaining(child -> collect(child, artifact, into));
        } else if (node.isArray()) {
            node.elements().forEachRemaining(child -> collect(child, artifact, into));
        }
    }

    private List<String> dependenciesOf(String artifact) {
        String[] ga = artifact.split(":");
        String pomEntry = "META-INF/maven/" + ga[0] + "/" + ga[1] + "/pom.xml";
        try (JarFile jar = new JarFile(jars.get(artifact).toFile())) {
            JarEntry entry = jar.getJarEntry(pomEntry);
            if (entry == null) {
                return List.of();
            }
            Element project;
            try (InputStream in = jar.getInputStream(entry)) {
                DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
                factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
                project = factory.newDocumentBuilder().parse(in).getDocumentElement();
            }
            Element dependencies = ServiceSources.child(project, "dependencies");
            if (dependencies == null) {
                return List.of();
            }
            List<String> result = new ArrayList<>();
            for (Element dependency : ServiceSources.children(dependencies, "dependency")) {
                String scope = ServiceSources.text(dependency, "scope");
                if ("test".equals(scope) || "provided".equals(scope)
                        || "true".equals(ServiceSources.text(dependency, "optional"))) {
                    continue;
                }
                String groupId = ServiceSources.text(dependency, "groupId");
                if ("${project.groupId}".equals(groupId)) {
                    groupId = ga[0];
                }
                result.add(groupId + ":" + ServiceSources.text(dependency, "artifactId"));
            }
            return result;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (Exception e) {
            throw new IllegalStateException("cannot read the pom in " + jars.get(artifact), e);
        }
    }

    /** The local repository a jar of a known artifact lies in: .../group/path/artifactId/version/file.jar. */
    private static Path repositoryRoot(Path jar, String artifact) {
        String[] ga = artifact.split(":");
        Path versionDir = jar.getParent();
        Path artifactDir = versionDir == null ? null : versionDir.getParent();
        if (artifactDir == null || !artifactDir.getFileName().toString().equals(ga[1])) {
            return null;
        }
        Path dir = artifactDir.getParent();
        String[] groupParts = ga[0].split("\\.");
        for (int i = groupParts.length - 1; i >= 0; i--) {
            if (dir == null || !dir.getFileName().toString().equals(groupParts[i])) {
                return null;
            }
            dir = dir.getParent();
        }
        return dir;
    }

    /** groupId:artifactId of a jar, from the pom.properties Maven puts into it. */
    private static java.util.Optional<String> artifactOf(Path jarPath) {
        String fileName = jarPath.getFileName().toString();
        try (JarFile jar = new JarFile(jarPath.toFile())) {
            for (JarEntry entry : java.util.Collections.list(jar.entries())) {
                String name = entry.getName();
                if (name.startsWith("META-INF/maven/") && name.endsWith("/pom.properties")) {
                    Properties properties = new Properties();
                    try (InputStream in = jar.getInputStream(entry)) {
                        properties.load(in);
                    }
                    String artifactId = properties.getProperty("artifactId");
                    if (artifactId != null && fileName.startsWith(artifactId + "-")) {
                        return java.util.Optional.of(properties.getProperty("groupId") + ":" + artifactId);
                    }
                }
            }
        } catch (IOException e) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.empty();
    }
}
