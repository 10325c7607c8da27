package ai.automations.k8s;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;

import com.github.javaparser.ast.CompilationUnit;
import com.github.javaparser.ast.NodeList;
import com.github.javaparser.ast.body.ClassOrInterfaceDeclaration;
import com.github.javaparser.ast.body.MethodDeclaration;
import com.github.javaparser.ast.expr.AnnotationExpr;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.type.ClassOrInterfaceType;
import com.github.javaparser.ast.type.Type;

/**
 * The configuration names one service reads, learnt from its sources at test time:
 * <ul>
 * <li>the keys of its application.properties (every profile);</li>
 * <li>its and common's {@code @ConfigMapping} interfaces: prefix plus method names in kebab case, groups and maps
 * followed;</li>
 * <li>the properties a mapping's {@code @WithDefault} expression reads ({@code ${automations.console-url:...}});</li>
 * <li>{@code @ConfigProperty(name=...)} and {@code getValue("...")}/{@code getOptionalValue("...")} names;</li>
 * <li>the properties of the Quarkus extensions it depends on (their config metadata), with the REST clients'
 * {@code configKey}s filled into {@code quarkus.rest-client."config-key".*};</li>
 * <li>Kafka client properties ({@code kafka.<client property>}), which quarkus-messaging-kafka hands to every
 * Kafka client, when the service has the Kafka client.</li>
 * </ul>
 * It then says which property an environment variable sets, the way SmallRye Config maps them: an upper-case name
 * matches a property whose name, with every character other than letters and digits replaced by {@code _} and
 * upper-cased, is the same; any other name must be the property name itself.
 */
final class ServiceConfiguration {

    /**
     * A configuration name a service reads; {@code *} stands for one map key segment. A map of a service's own
     * {@code @ConfigMapping} reads any key ({@code openMap}); an extension's map (named datasources, REST clients)
     * reads only the keys the service defines, so only those count.
     */
    record Name(String property, String origin, boolean fixedAtBuildTime, boolean openMap) {
        Name(String property, String origin, boolean fixedAtBuildTime) {
            this(property, origin, fixedAtBuildTime, false);
        }

        boolean matches(String concrete) {
            return (openMap || !property.contains("*")) && matchesDotted(property, concrete);
        }
    }

    /** What an environment variable sets, or why it sets nothing the service reads. */
    record Resolution(Name name, String problem) {
        boolean resolved() {
            return name != null;
        }
    }

    private static final Pattern UPPER_ENV = Pattern.compile("[A-Z0-9_]+");
    private static final Pattern EXPRESSION = Pattern.compile("\\$\\{([^:}$]+)");

    private final String service;
    private final List<Name> names = new ArrayList<>();
    private final Set<String> kafkaProperties = new LinkedHashSet<>();
    private final Set<String> missingExtensions = new LinkedHashSet<>();

    private ServiceConfiguration(String service) {
        this.service = service;
    }

    static ServiceConfiguration of(ServiceSources sources, ExtensionCatalog catalog) {
        ServiceConfiguration config = new ServiceConfiguration(sources.name());
        List<ServiceSources.PropertyKey> keys = sources.applicationProperties();

        Map<String, ClassOrInterfaceDeclaration> types = new HashMap<>();
        for (CompilationUnit unit : sources.units()) {
            unit.findAll(ClassOrInterfaceDeclaration.class).forEach(t -> types.putIfAbsent(t.getNameAsString(), t));
        }
        for (CompilationUnit unit : sources.units()) {
            for (ClassOrInterfaceDeclaration type : unit.findAll(ClassOrInterfaceDeclaration.class)) {
                type.getAnnotationByName("ConfigMapping")
                        .flatMap(a -> ServiceSources.stringMember(a, "prefix"))
                        .ifPresent(prefix -> config.mapping(type, prefix, types, new LinkedHashSet<>(),
                                "@ConfigMapping " + type.getNameAsString()));
            }
            for (AnnotationExpr annotation : unit.findAll(AnnotationExpr.class)) {
                if (annotation.getName().getIdentifier().equals("ConfigProperty")) {
                    ServiceSources.stringMember(annotation, "name")
                            .ifPresent(n -> config.add(n, "@ConfigProperty", false));
                }
            }
            for (MethodCallExpr call : unit.findAll(MethodCallExpr.class)) {
                String method = call.getNameAsString();
                if ((method.equals("getValue") || method.equals("getOptionalValue") || method.equals("getConfigValue"))
                        && !call.getArguments().isEmpty() && call.getArgument(0).isStringLiteralExpr()) {
                    config.add(call.getArgument(0).asStringLiteralExpr().asString(), "Config." + method, false);
                }
            }
        }

        Set<String> restClientKeys = new LinkedHashSet<>();
        for (CompilationUnit unit : sources.units()) {
            for (AnnotationExpr annotation : unit.findAll(AnnotationExpr.class)) {
                if (annotation.getName().getIdentifier().equals("RegisterRestClient")) {
                    ServiceSources.stringMember(annotation, "configKey").ifPresent(restClientKeys::add);
                }
            }
        }

        Set<String> dependencies = sources.runtimeDependencies();
        for (String dependency : dependencies) {
            boolean quarkusExtension = dependency.startsWith("io.quarkus:") || dependency.startsWith("io.quarkiverse.");
            if (quarkusExtension && !catalog.has(dependency)) {
                config.missingExtensions.add(dependency);
            }
        }
        Set<String> closure = catalog.closure(dependencies);
        for (ExtensionCatalog.ModelProperty property : catalog.properties(closure)) {
            String pattern = wildcardQuoted(property.property());
            config.add(pattern, property.artifact(), property.fixedAtBuildTime());
            if (pattern.startsWith("quarkus.rest-client.*.")) {
                for (String key : restClientKeys) {
                    config.add("quarkus.rest-client." + key + pattern.substring("quarkus.rest-client.*".length()),
                            "@RegisterRestClient(configKey=\"" + key + "\") + " + property.artifact(),
                            property.fixedAtBuildTime());
                }
            }
        }
        if (closure.contains("org.apache.kafka:kafka-clients")) {
            config.kafkaProperties.addAll(ProducerConfig.configNames());
            config.kafkaProperties.addAll(ConsumerConfig.configNames());
            config.kafkaProperties.addAll(AdminClientConfig.configNames());
        }
        for (ServiceSources.PropertyKey key : keys) {
            // A key named only for dev/test gives SmallRye no dotted name to map an upper-case variable to in
            // production when it is a map entry; record where it is active.
            config.add(key.name(), key.activeInProduction() ? "application.properties"
                    : "application.properties " + key.profiles(), false);
        }
        return config;
    }

    String service() {
        return service;
    }

    /** Quarkus extensions the service uses that this module's test classpath lacks (see k8s/pom.xml). */
    Set<String> missingExtensions() {
        return missingExtensions;
    }

    List<Name> names() {
        return names;
    }

    /** True when the service reads this property (dotted name, map keys as concrete values). */
    boolean reads(String property) {
        return names.stream().anyMatch(n -> n.matches(property)) || kafkaProperty(property);
    }

    /** True when the service reads some property at or under this prefix. */
    boolean readsUnder(String prefix) {
        return names.stream().anyMatch(n -> n.property().equals(prefix) || n.property().startsWith(prefix + "."));
    }

    /** Which property an environment variable of this name sets. */
    Resolution resolve(String envName) {
        if (!UPPER_ENV.matcher(envName).matches()) {
            // Kubernetes allows dots and dashes: SmallRye Config then matches the exact property name.
            Optional<Name> exact = names.stream().filter(n -> n.matches(envName))
                    .min((a, b) -> Boolean.compare(a.property().contains("*"), b.property().contains("*")));
            if (exact.isPresent()) {
                return new Resolution(exact.get(), null);
            }
            return kafkaProperty(envName)
                    ? new Resolution(new Name(envName, "Kafka client property", false), null)
                    : new Resolution(null, envName + " is no property " + service + " reads");
        }
        List<Name> concrete = names.stream().filter(n -> !n.property().contains("*")).toList();
        Optional<Name> byEnv = concrete.stream()
                .filter(n -> envForm(n.property()).equals(envName))
                .filter(n -> !n.origin().startsWith("application.properties [") || !underMap(n.property()))
                .sorted((a, b) -> Boolean.compare(b.fixedAtBuildTime(), a.fixedAtBuildTime()))
                .findFirst();
        if (byEnv.isPresent()) {
            return new Resolution(byEnv.get(), null);
        }
        if (envName.startsWith("KAFKA_")) {
            String property = "kafka." + envName.substring("KAFKA_".length()).toLowerCase().replace('_', '.');
            if (kafkaProperty(property)) {
                return new Resolution(new Name(property, "Kafka client property", false), null);
            }
        }
        Optional<Name> mapEntry = names.stream().filter(n -> n.openMap())
                .filter(n -> envWildcard(n.property()).matcher(envName).matches()).findFirst();
        if (mapEntry.isPresent()) {
            return new Resolution(null, envName + " would set an entry of " + mapEntry.get().property()
                    + ", but an upper-case name loses the key's dashes and dots: set the exact property name instead");
        }
        return new Resolution(null, envName + " maps to no property " + service + " reads");
    }

    /** SmallRye's environment variable name of a property. */
    static String envForm(String property) {
        StringBuilder env = new StringBuilder(property.length());
        for (char c : property.toCharArray()) {
            env.append(Character.isLetterOrDigit(c) ? Character.toUpperCase(c) : '_');
        }
        return env.toString();
    }

    private boolean kafkaProperty(String property) {
        return property.startsWith("kafka.") && kafkaProperties.contains(property.substring("kafka.".length()));
    }

    private boolean underMap(String property) {
        return names.stream().anyMatch(n -> n.openMap() && n.matches(property))
                && names.stream().noneMatch(n -> n.property().equals(property)
                        && !n.origin().startsWith("application.properties"));
    }

    private void mapping(ClassOrInterfaceDeclaration type, String prefix, Map<String, ClassOrInterfaceDeclaration> types,
            Set<String> visiting, String origin) {
        if (!visiting.add(type.getNameAsString())) {
            return;
        }
        for (ClassOrInterfaceType parent : type.getExtendedTypes()) {
            ClassOrInterfaceDeclaration parentType = types.get(parent.getNameAsString());
            if (parentType != null) {
                mapping(parentType, prefix, types, visiting, origin);
            }
        }
        for (MethodDeclaration method : type.getMethods()) {
            if (method.isDefault() || method.isStatic() || method.isPrivate() || !method.getParameters().isEmpty()
                    || method.getBody().isPresent()) {
                continue;
            }
            String path;
            if (method.getAnnotationByName("WithParentName").isPresent()) {
                path = prefix;
            } else {
                String name = method.getAnnotationByName("WithName")
                        .flatMap(a -> ServiceSources.stringMember(a, "value"))
                        .orElse(kebab(method.getNameAsString()));
                path = prefix.isEmpty() ? name : prefix + "." + name;
            }
            member(method.getType(), path, types, visiting, origin);
            String member = path;
            method.getAnnotationByName("WithDefault").flatMap(a -> ServiceSources.stringMember(a, "value"))
                    .ifPresent(value -> expressionNames(value)
                            .forEach(name -> add(name, origin + " (the default of " + member + ")", false)));
        }
        visiting.remove(type.getNameAsString());
    }

    private void member(Type type, String path, Map<String, ClassOrInterfaceDeclaration> types, Set<String> visiting,
            String origin) {
        if (type instanceof ClassOrInterfaceType classType) {
            String simple = classType.getNameAsString();
            NodeList<Type> arguments = classType.getTypeArguments().orElse(new NodeList<>());
            if ((simple.equals("Optional") || simple.equals("List") || simple.equals("Set")) && arguments.size() == 1) {
                member(arguments.get(0), path, types, visiting, origin);
                return;
            }
            if (simple.equals("Map") && arguments.size() == 2) {
                member(arguments.get(1), path + ".*", types, visiting, origin);
                return;
            }
            ClassOrInterfaceDeclaration group = types.get(simple);
            if (group != null && group.isInterface()) {
                mapping(group, path, types, visiting, origin);
                return;
            }
        }
        names.add(new Name(path, origin, false, true));
    }

    private void add(String property, String origin, boolean fixedAtBuildTime) {
        names.add(new Name(property, origin, fixedAtBuildTime));
    }

    /** The properties a SmallRye expression reads: {@code ${automations.console-url:http://localhost:8080}} reads one. */
    static List<String> expressionNames(String value) {
        List<String> found = new ArrayList<>();
        Matcher m = EXPRESSION.matcher(value);
        while (m.find()) {
            found.add(m.group(1));
        }
        return found;
    }

    /** SmallRye's kebab-case of a method name: maxInFlight is max-in-flight. */
    static String kebab(String name) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (Character.isUpperCase(c)) {
                boolean afterLower = i > 0 && !Character.isUpperCase(name.charAt(i - 1));
                boolean beforeLower = i > 0 && i + 1 < name.length() && Character.isLowerCase(name.charAt(i + 1));
                if (i > 0 && (afterLower || beforeLower)) {
                    out.append('-');
                }
                out.append(Character.toLowerCase(c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    /** Quoted segments of extension metadata ({@code "datasource-name"}) are map keys. */
    private static String wildcardQuoted(String property) {
        return property.replaceAll("\"[^\"]*\"", "*").replaceAll("\\[[^]]*]", "");
    }

    private static List<String> segments(String property) {
        List<String> segments = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean quoted = false;
        for (char c : property.toCharArray()) {
            if (c == '"') {
                quoted = !quoted;
            } else if (c == '.' && !quoted) {
                segments.add(current.toString());
                current.setLength(0);
                continue;
            }
            current.append(c);
        }
        segments.add(current.toString());
        return segments;
    }

    static boolean matchesDotted(String pattern, String property) {
        List<String> expected = segments(pattern);
        List<String> actual = segments(property);
        if (expected.size() != actual.size()) {
            return false;
        }
        for (int i = 0; i < expected.size(); i++) {
            if (!expected.get(i).equals("*") && !expected.get(i).equals(actual.get(i))) {
                return false;
            }
        }
        return true;
    }

    private static Pattern envWildcard(String pattern) {
        StringBuilder regex = new StringBuilder();
        for (String part : pattern.split("\\*", -1)) {
            if (regex.length() > 0) {
                regex.append("[A-Z0-9_]+");
            }
            regex.append(Pattern.quote(envForm(part)));
        }
        return Pattern.compile(regex.toString());
    }
}
