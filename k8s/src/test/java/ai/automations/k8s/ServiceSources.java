package ai.automations.k8s;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Stream;

import javax.xml.parsers.DocumentBuilderFactory;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

import com.github.javaparser.JavaParser;
import com.github.javaparser.ParseResult;
import com.github.javaparser.ParserConfiguration;
import com.github.javaparser.ast.CompilationUnit;
import com.github.javaparser.ast.body.ClassOrInterfaceDeclaration;
import com.github.javaparser.ast.body.FieldDeclaration;
import com.github.javaparser.ast.body.MethodDeclaration;
import com.github.javaparser.ast.expr.AnnotationExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.MemberValuePair;
import com.github.javaparser.ast.expr.NormalAnnotationExpr;
import com.github.javaparser.ast.expr.SingleMemberAnnotationExpr;
import com.github.javaparser.ast.expr.StringLiteralExpr;

/**
 * What one service's sources say: its Maven dependencies, its application.properties, and its Java code (plus
 * common's, which every service runs), parsed at test time so that the chart tests follow the services as they
 * change.
 */
final class ServiceSources {

    /** A key of application.properties and the profiles it is limited to (none: every profile). */
    record PropertyKey(String name, Set<String> profiles, String value) {
        boolean activeInProduction() {
            return profiles.isEmpty() || profiles.contains("prod");
        }
    }

    private static final List<String> HTTP_METHODS = List.of("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD");

    private final String name;
    private final Path module;
    private final List<CompilationUnit> units;

    private ServiceSources(String name, Path module, List<CompilationUnit> units) {
        this.name = name;
        this.module = module;
        this.units = units;
    }

    /** The deployable modules of the root pom: the services ({@code *-service}) and the console. */
    static List<String> serviceNames() {
        Document pom = xml(Chart.root().resolve("pom.xml"));
        List<String> services = new ArrayList<>();
        NodeList modules = pom.getElementsByTagName("module");
        for (int i = 0; i < modules.getLength(); i++) {
            String module = modules.item(i).getTextContent().trim();
            if (module.endsWith("-service") || module.equals("console")) {
                services.add(module);
            }
        }
        return services;
    }

    static ServiceSources of(String service) {
        Path module = Chart.root().resolve(service);
        List<CompilationUnit> units = new ArrayList<>(parse(module.resolve("src/main/java")));
        units.addAll(parse(Chart.root().resolve("common/src/main/java")));
        return new ServiceSources(service, module, units);
    }

    /** common's main sources alone. */
    static List<CompilationUnit> common() {
        return parse(Chart.root().resolve("common/src/main/java"));
    }

    String name() {
        return name;
    }

    List<CompilationUnit> units() {
        return units;
    }

    /** groupId:artifactId of the service's dependencies that ship with it (not test scope). */
    Set<String> runtimeDependencies() {
        Set<String> artifacts = new LinkedHashSet<>();
        for (Path pom : List.of(module.resolve("pom.xml"))) {
            Element dependencies = child(xml(pom).getDocumentElement(), "dependencies");
            if (dependencies == null) {
                continue;
            }
            for (Element dependency : children(dependencies, "dependency")) {
                String scope = text(dependency, "scope");
                if ("test".equals(scope)) {
                    continue;
                }
                artifacts.add(text(dependency, "groupId") + ":" + text(dependency, "artifactId"));
            }
        }
        return artifacts;
    }

    /** Every key of src/main/resources/application.properties, with its profiles. */
    List<PropertyKey> applicationProperties() {
        Path file = module.resolve("src/main/resources/application.properties");
        if (!Files.exists(file)) {
            return List.of();
        }
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file)) {
            properties.load(reader);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<PropertyKey> keys = new ArrayList<>();
        for (String key : properties.stringPropertyNames()) {
            String value = properties.getProperty(key);
            if (key.startsWith("%")) {
                int dot = key.indexOf('.');
                Set<String> profiles = new LinkedHashSet<>(List.of(key.substring(1, dot).split(",")));
                keys.add(new PropertyKey(key.substring(dot + 1), profiles, value));
            } else {
                keys.add(new PropertyKey(key, Set.of(), value));
            }
        }
        return keys;
    }

    /** Values of string-valued annotations with the given simple names, e.g. Incoming, Outgoing, Channel. */
    Set<String> annotationValues(String... annotations) {
        Set<String> names = Set.of(annotations);
        Set<String> values = new LinkedHashSet<>();
        for (CompilationUnit unit : units) {
            for (AnnotationExpr annotation : unit.findAll(AnnotationExpr.class)) {
                if (names.contains(annotation.getName().getIdentifier())) {
                    stringMember(annotation, "value").ifPresent(values::add);
                }
            }
        }
        return values;
    }

    /** The string value of one member of an annotation ({@code value} may be the single member). */
    static Optional<String> stringMember(AnnotationExpr annotation, String member) {
        Expression expression = null;
        if (annotation instanceof SingleMemberAnnotationExpr single && "value".equals(member)) {
            expression = single.getMemberValue();
        } else if (annotation instanceof NormalAnnotationExpr normal) {
            for (MemberValuePair pair : normal.getPairs()) {
                if (pair.getNameAsString().equals(member)) {
                    expression = pair.getValue();
                }
            }
        }
        return expression instanceof StringLiteralExpr literal ? Optional.of(literal.asString()) : Optional.empty();
    }

    /** String constants of classes with the given simple name, e.g. common's {@code Topics}. */
    static Map<String, String> stringConstants(List<CompilationUnit> units, String className) {
        Map<String, String> constants = new LinkedHashMap<>();
        for (CompilationUnit unit : units) {
            for (ClassOrInterfaceDeclaration type : unit.findAll(ClassOrInterfaceDeclaration.class)) {
                if (!type.getNameAsString().equals(className)) {
                    continue;
                }
                for (FieldDeclaration field : type.getFields()) {
                    if (field.isStatic() && field.isFinal()) {
                        field.getVariables().forEach(v -> v.getInitializer()
                                .filter(Expression::isStringLiteralExpr)
                                .ifPresent(i -> constants.put(v.getNameAsString(), i.asStringLiteralExpr().asString())));
                    }
                }
            }
        }
        return constants;
    }

    /**
     * The public REST paths the service serves: class-level {@code @Path} starting with /api joined with its resource
     * methods' {@code @Path}, path parameters left as {@code {name}}. REST client interfaces are not served and are
     * skipped.
     */
    Set<String> publicPaths() {
        Set<String> paths = new LinkedHashSet<>();
        for (CompilationUnit unit : units) {
            for (ClassOrInterfaceDeclaration type : unit.findAll(ClassOrInterfaceDeclaration.class)) {
                if (type.getAnnotationByName("RegisterRestClient").isPresent()) {
                    continue;
                }
                Optional<String> base = type.getAnnotationByName("Path").flatMap(a -> stringMember(a, "value"));
                if (base.isEmpty() || !base.get().startsWith("/api")) {
                    continue;
                }
                for (MethodDeclaration method : type.getMethods()) {
                    Optional<String> sub = method.getAnnotationByName("Path").flatMap(a -> stringMember(a, "value"));
                    if (sub.isPresent()) {
                        paths.add(join(base.get(), sub.get()));
                    } else if (HTTP_METHODS.stream().anyMatch(m -> method.getAnnotationByName(m).isPresent())) {
                        paths.add(base.get());
                    }
                }
            }
        }
        return paths;
    }

    private static String join(String base, String sub) {
        String left = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
        return sub.startsWith("/") ? left + sub : left + "/" + sub;
    }

    private static List<CompilationUnit> parse(Path sourceRoot) {
        if (!Files.isDirectory(sourceRoot)) {
            return List.of();
        }
        JavaParser parser = new JavaParser(new ParserConfiguration()
                .setLanguageLevel(ParserConfiguration.LanguageLevel.JAVA_17));
        List<CompilationUnit> units = new ArrayList<>();
        try (Stream<Path> files = Files.walk(sourceRoot)) {
            for (Path file : (Iterable<Path>) files.filter(f -> f.toString().endsWith(".java"))::iterator) {
                ParseResult<CompilationUnit> result = parser.parse(file);
                units.add(result.getResult().filter(u -> result.isSuccessful())
                        .orElseThrow(() -> new AssertionError("cannot parse " + file + ": " + result.getProblems())));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return units;
    }

    static Document xml(Path file) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            return factory.newDocumentBuilder().parse(file.toFile());
        } catch (Exception e) {
            throw new IllegalStateException("cannot read " + file, e);
        }
    }

    static Element child(Element parent, String tag) {
        for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element element && element.getTagName().equals(tag)) {
                return element;
            }
        }
        return null;
    }

    static List<Element> children(Element parent, String tag) {
        List<Element> elements = new ArrayList<>();
        for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element element && element.getTagName().equals(tag)) {
                elements.add(element);
            }
        }
        return elements;
    }

    static String text(Element parent, String tag) {
        Element element = child(parent, tag);
        return element == null ? null : element.getTextContent().trim();
    }
}
