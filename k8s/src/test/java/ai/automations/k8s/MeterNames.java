package ai.automations.k8s;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import com.github.javaparser.ast.CompilationUnit;
import com.github.javaparser.ast.body.ClassOrInterfaceDeclaration;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.FieldAccessExpr;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.NameExpr;

/**
 * The series the services put on {@code /q/metrics}, as Prometheus names, learnt from their Micrometer meters in the
 * sources ({@code Counter.builder("a.b")} is {@code a_b_total}, a timer {@code a_b_seconds_count} and its siblings)
 * plus the few meters Quarkus itself registers that the chart's dashboard and alerts read.
 */
final class MeterNames {

    /**
     * Meters of Quarkus' Micrometer binders, not of the services' code: the Kafka client's consumer lag. Each is seen
     * on a running service's /q/metrics by a test there (trigger-service's KafkaConsumerMetricsTest).
     */
    static final Set<String> FROM_QUARKUS = Set.of("kafka_consumer_fetch_manager_records_lag_max");

    private MeterNames() {
    }

    /** Every series name any service (or common, which each runs) exports. */
    static Set<String> exported() {
        Set<String> names = new LinkedHashSet<>(FROM_QUARKUS);
        for (String service : ServiceSources.serviceNames()) {
            List<CompilationUnit> units = ServiceSources.of(service).units();
            for (CompilationUnit unit : units) {
                for (MethodCallExpr call : unit.findAll(MethodCallExpr.class)) {
                    meter(call, units).ifPresent(names::addAll);
                }
            }
        }
        return names;
    }

    /** The series of one meter registration, if {@code call} is one whose name can be read. */
    private static Optional<Set<String>> meter(MethodCallExpr call, List<CompilationUnit> units) {
        if (call.getArguments().isEmpty()) {
            return Optional.empty();
        }
        String method = call.getNameAsString();
        String type;
        if (method.equals("builder") && call.getScope().filter(Expression::isNameExpr).isPresent()) {
            type = call.getScope().get().asNameExpr().getNameAsString();
        } else if (method.equals("counter") || method.equals("gauge") || method.equals("timer")) {
            type = switch (method) {
                case "counter" -> "Counter";
                case "gauge" -> "Gauge";
                default -> "Timer";
            };
        } else {
            return Optional.empty();
        }
        return name(call.getArgument(0), call, units).map(n -> series(type, n.replace('.', '_').replace('-', '_')))
                .filter(s -> !s.isEmpty());
    }

    private static Optional<String> name(Expression argument, MethodCallExpr call, List<CompilationUnit> units) {
        if (argument.isStringLiteralExpr()) {
            return Optional.of(argument.asStringLiteralExpr().asString());
        }
        if (argument instanceof NameExpr constant) {
            return call.findAncestor(ClassOrInterfaceDeclaration.class).map(type -> ServiceSources
                    .stringConstants(units, type.getNameAsString()).get(constant.getNameAsString()));
        }
        if (argument instanceof FieldAccessExpr field && field.getScope().isNameExpr()) {
            Map<String, String> constants = ServiceSources.stringConstants(units,
                    field.getScope().asNameExpr().getNameAsString());
            return Optional.ofNullable(constants.get(field.getNameAsString()));
        }
        return Optional.empty();
    }

    private static Set<String> series(String type, String base) {
        return switch (type) {
            case "Counter", "FunctionCounter" -> Set.of(base + "_total");
            case "Gauge", "TimeGauge" -> Set.of(base);
            case "Timer", "LongTaskTimer", "FunctionTimer" -> Set.of(base + "_seconds", base + "_seconds_count",
                    base + "_seconds_sum", base + "_seconds_max", base + "_seconds_bucket");
            case "DistributionSummary" -> Set.of(base, base + "_count", base + "_sum", base + "_max", base + "_bucket");
            default -> Set.of();
        };
    }
}
