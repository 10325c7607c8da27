package ai.automations.common.where;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;

/**
 * A compiled {@code where} filter: a MongoDB-style expression as W&B's automations write them ({@code $and $or $nor
 * $not} over field conditions with {@code $eq $ne $in $nin $regex $contains $exists $gt $gte $lt $lte}). It is
 * parsed, checked against its limits and its regexes compiled (RE2J, linear time) once, by {@link #compile}; testing
 * an event then walks a small tree without allocating. A comparison on an absent field is false ({@code $ne} and
 * {@code $nin} included; {@code $exists} is the way to ask for absence), a comparison between a string and a number is
 * false, and a condition on a list field (tags, aliases) holds when it holds for one of its elements.
 */
public final class Where {

    /**
     * The deepest nesting of expressions an expression may have: the top level is 1, each expression under
     * {@code $and}, {@code $or}, {@code $nor} or {@code $not} (and the operators under a field's {@code $not}) one more.
     */
    public static final int MAX_DEPTH = 8;
    /** The most nodes (combinators, field conditions, operators) an expression may have. */
    public static final int MAX_NODES = 64;
    /** The most values of one {@code $in}/{@code $nin} list. */
    public static final int MAX_LIST = 256;
    /** The longest regex of one {@code $regex}. */
    public static final int MAX_REGEX = 1000;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> COMBINATORS = Set.of("$and", "$or", "$nor", "$not");
    private static final Set<String> OPERATORS = Set.of("$eq", "$ne", "$in", "$nin", "$regex", "$contains",
            "$exists", "$gt", "$gte", "$lt", "$lte", "$not");

    private final Node root;
    private final JsonNode source;

    private Where(Node root, JsonNode source) {
        this.root = root;
        this.source = source;
    }

    /**
     * Compiles an expression that may name only {@code fields}, or throws {@link WhereException} naming the node at
     * fault.
     */
    public static Where compile(JsonNode expression, Set<WhereField> fields) {
        Parser parser = new Parser(fields);
        return new Where(parser.expression(expression, "", 1), expression);
    }

    /** The expression as written. */
    public JsonNode source() {
        return source;
    }

    /** Whether the event passes; what live matching calls. */
    public boolean test(WhereSubject subject) {
        return root.test(subject, null);
    }

    /**
     * Whether the event passes, adding to {@code failures} one line per node that made it fail, with the value that
     * node saw; what dry-runs call.
     */
    public boolean explain(WhereSubject subject, List<String> failures) {
        return root.test(subject, failures);
    }

    @Override
    public String toString() {
        return source.toString();
    }

    /** A node of the expression tree; {@code why}, when not null, receives the reasons of a failure. */
    private interface Node {
        boolean test(WhereSubject subject, List<String> why);
    }

    /** {@code $and}, and an object of several conditions. */
    private record All(List<Node> children) implements Node {
        @Override
        public boolean test(WhereSubject subject, List<String> why) {
            boolean ok = true;
            for (Node child : children) {
                if (!child.test(subject, why)) {
                    ok = false;
                    if (why == null) {
                        return false;
                    }
                }
            }
            return ok;
        }
    }

    /** {@code $or}. */
    private record Any(String path, List<Node> children) implements Node {
        @Override
        public boolean test(WhereSubject subject, List<String> why) {
            List<String> inner = why == null ? null : new ArrayList<>();
            for (Node child : children) {
                if (child.test(subject, inner)) {
                    return true;
                }
            }
            if (why != null) {
                why.addAll(inner);
                why.add(at(path) + "none of the " + children.size() + " branches of $or holds");
            }
            return false;
        }
    }

    /** {@code $nor}, and {@code $not} around an expression (a {@code $nor} of one). */
    private record None(String path, List<Node> children, String operator) implements Node {
        @Override
        public boolean test(WhereSubject subject, List<String> why) {
            boolean ok = true;
            for (int i = 0; i < children.size(); i++) {
                if (children.get(i).test(subject, null)) {
                    ok = false;
                    if (why == null) {
                        return false;
                    }
                    why.add(at(path) + (operator.equals("$not") ? "the condition under $not holds"
                            : "branch " + i + " of $nor holds") + witness(children.get(i), subject));
                }
            }
            return ok;
        }
    }

    /** Conditions on one field. */
    private record FieldTest(String path, String name, WhereField field, String[] keys, List<Condition> conditions)
            implements Node {
        @Override
        public boolean test(WhereSubject subject, List<String> why) {
            Object value = value(subject);
            boolean ok = true;
            for (Condition condition : conditions) {
                if (!condition.test(value)) {
                    ok = false;
                    if (why == null) {
                        return false;
                    }
                    why.add(at(condition.path()) + name + " is " + render(value) + ", so " + condition.describe()
                            + " is false");
                }
            }
            return ok;
        }

        Object value(WhereSubject subject) {
            Object value = subject.value(field);
            for (String key : keys) {
                if (!(value instanceof Map<?, ?> map)) {
                    return null;
                }
                value = map.get(key);
            }
            return value;
        }
    }

    /** One operator applied to a field's value. */
    private interface Condition {
        boolean test(Object value);

        String path();

        String describe();
    }

    private enum Op {
        EQ, NE, IN, NIN, CONTAINS, GT, GTE, LT, LTE
    }

    /** An operator with a scalar or list operand. */
    private record Compare(String path, String name, Op op, Object operand, List<Object> list) implements Condition {
        @Override
        public boolean test(Object value) {
            if (value == null) {
                return false;
            }
            return switch (op) {
                case EQ -> equalsAny(value, operand);
                case NE -> !equalsAny(value, operand);
                case IN -> inList(value);
                case NIN -> !inList(value);
                case CONTAINS -> value instanceof String text ? operand instanceof String part && text.contains(part)
                        : value instanceof List<?> items && items.stream().anyMatch(item -> same(item, operand));
                case GT, GTE, LT, LTE -> ordered(value);
            };
        }

        private boolean inList(Object value) {
            for (Object candidate : list) {
                if (equalsAny(value, candidate)) {
                    return true;
                }
            }
            return false;
        }

        private boolean ordered(Object value) {
            if (value instanceof List<?> items) {
                for (Object item : items) {
                    if (orderedScalar(item)) {
                        return true;
                    }
                }
                return false;
            }
            return orderedScalar(value);
        }

        private boolean orderedScalar(Object value) {
            int cmp;
            if (value instanceof Number n && operand instanceof Number o) {
                double a = n.doubleValue();
                double b = o.doubleValue();
                return switch (op) {
                    case GT -> a > b;
                    case GTE -> a >= b;
                    case LT -> a < b;
                    default -> a <= b;
                };
            } else if (value instanceof String s && operand instanceof String o) {
                cmp = s.compareTo(o);
            } else {
                return false;
            }
            return switch (op) {
                case GT -> cmp > 0;
                case GTE -> cmp >= 0;
                case LT -> cmp < 0;
                default -> cmp <= 0;
            };
        }

        @Override
        public String describe() {
            return name + " " + render(list != null ? list : operand);
        }
    }

    /** {@code $regex}: an unanchored RE2 search on a string (or on one of a list's strings). */
    private record Regex(String path, Pattern pattern) implements Condition {
        @Override
        public boolean test(Object value) {
            if (value instanceof String text) {
                return pattern.matcher(text).find();
            }
            if (value instanceof List<?> items) {
                for (Object item : items) {
                    if (item instanceof String text && pattern.matcher(text).find()) {
                        return true;
                    }
                }
            }
            return false;
        }

        @Override
        public String describe() {
            return "$regex " + render(pattern.pattern());
        }
    }

    /** {@code $exists}. */
    private record Exists(String path, boolean expected) implements Condition {
        @Override
        public boolean test(Object value) {
            return (value != null) == expected;
        }

        @Override
        public String describe() {
            return "$exists " + expected;
        }
    }

    /** {@code $not} inside a field: the field's conditions under it do not all hold. */
    private record NotAll(String path, List<Condition> inner) implements Condition {
        @Override
        public boolean test(Object value) {
            for (Condition condition : inner) {
                if (!condition.test(value)) {
                    return true;
                }
            }
            return false;
        }

        @Override
        public String describe() {
            return "$not {" + String.join(", ", inner.stream().map(Condition::describe).toList()) + "}";
        }
    }

    private static boolean equalsAny(Object value, Object operand) {
        if (value instanceof List<?> items) {
            for (Object item : items) {
                if (same(item, operand)) {
                    return true;
                }
            }
            return false;
        }
        return same(value, operand);
    }

    private static boolean same(Object value, Object operand) {
        if (value instanceof Number a && operand instanceof Number b) {
            return a.doubleValue() == b.doubleValue();
        }
        return value != null && !(value instanceof Number) && value.equals(operand);
    }

    private static String at(String path) {
        return "where" + (path.isEmpty() ? "" : path.startsWith("[") ? path : "." + path) + ": ";
    }

    private static String witness(Node node, WhereSubject subject) {
        return node instanceof FieldTest field ? " (" + field.name() + " is " + render(field.value(subject)) + ")" : "";
    }

    private static String render(Object value) {
        if (value == null) {
            return "absent";
        }
        try {
            String text = JSON.writeValueAsString(value);
            return text.length() > 200 ? text.substring(0, 200) + "..." : text;
        } catch (JsonProcessingException e) {
            return String.valueOf(value);
        }
    }

    /** Reads an expression, counting its nodes and depth. */
    private static final class Parser {

        private final Set<WhereField> fields;
        private int nodes;

        Parser(Set<WhereField> fields) {
            this.fields = fields;
        }

        Node expression(JsonNode node, String path, int depth) {
            if (node == null || !node.isObject()) {
                throw malformed(path, "must be a JSON object");
            }
            count(path, depth);
            List<Node> children = new ArrayList<>();
            Iterator<Map.Entry<String, JsonNode>> entries = node.fields();
            while (entries.hasNext()) {
                Map.Entry<String, JsonNode> entry = entries.next();
                String key = entry.getKey();
                String at = join(path, key);
                if (key.startsWith("$")) {
                    children.add(combinator(key, entry.getValue(), at, depth));
                } else {
                    children.add(field(key, entry.getValue(), at, depth));
                }
            }
            return children.size() == 1 ? children.get(0) : new All(children);
        }

        private Node combinator(String key, JsonNode value, String path, int depth) {
            if (!COMBINATORS.contains(key)) {
                throw malformed(path, "is not an operator of a where expression here; use $and, $or, $nor, $not, "
                        + "or a field name");
            }
            if (key.equals("$not")) {
                count(path, depth);
                return new None(path, List.of(expression(value, path, depth + 1)), key);
            }
            if (!value.isArray() || value.isEmpty()) {
                throw malformed(path, "must be a non-empty JSON array of expressions");
            }
            count(path, depth);
            List<Node> children = new ArrayList<>();
            for (int i = 0; i < value.size(); i++) {
                children.add(expression(value.get(i), path + "[" + i + "]", depth + 1));
            }
            return switch (key) {
                case "$and" -> new All(children);
                case "$or" -> new Any(path, children);
                default -> new None(path, children, key);
            };
        }

        private Node field(String name, JsonNode value, String path, int depth) {
            int dot = name.indexOf('.');
            String root = dot < 0 ? name : name.substring(0, dot);
            WhereField field = WhereField.named(root);
            if (field == null || !fields.contains(field)) {
                throw malformed(path, "is not a field of this event; it has " + names(fields));
            }
            String[] keys = dot < 0 ? new String[0] : name.substring(dot + 1).split("\\.", -1);
            if (keys.length > 0 && !field.nested()) {
                throw malformed(path, "names a path inside '" + root + "', which is not a JSON object");
            }
            for (String key : keys) {
                if (key.isEmpty()) {
                    throw malformed(path, "has an empty segment in its dotted path");
                }
            }
            count(path, depth);
            List<Condition> conditions;
            if (value.isObject() && !value.isEmpty() && value.fieldNames().next().startsWith("$")) {
                conditions = operators(value, path, depth);
            } else if (scalar(value)) {
                conditions = List.of(new Compare(path, "$eq", Op.EQ, operand(value), null));
            } else {
                throw malformed(path, "must be a string, a number, true/false or an object of operators such as "
                        + "{\"$eq\": ...}");
            }
            return new FieldTest(path, name, field, keys, conditions);
        }

        private List<Condition> operators(JsonNode ops, String path, int depth) {
            List<Condition> conditions = new ArrayList<>();
            Iterator<Map.Entry<String, JsonNode>> entries = ops.fields();
            while (entries.hasNext()) {
                Map.Entry<String, JsonNode> entry = entries.next();
                String op = entry.getKey();
                JsonNode v = entry.getValue();
                String at = join(path, op);
                if (!OPERATORS.contains(op)) {
                    throw malformed(at, "is not an operator; use one of " + new TreeSet<>(OPERATORS));
                }
                count(at, depth);
                conditions.add(switch (op) {
                    case "$eq" -> new Compare(at, op, Op.EQ, scalarOperand(v, at), null);
                    case "$ne" -> new Compare(at, op, Op.NE, scalarOperand(v, at), null);
                    case "$contains" -> new Compare(at, op, Op.CONTAINS, scalarOperand(v, at), null);
                    case "$in" -> new Compare(at, op, Op.IN, null, list(v, at));
                    case "$nin" -> new Compare(at, op, Op.NIN, null, list(v, at));
                    case "$gt" -> new Compare(at, op, Op.GT, orderedOperand(v, at), null);
                    case "$gte" -> new Compare(at, op, Op.GTE, orderedOperand(v, at), null);
                    case "$lt" -> new Compare(at, op, Op.LT, orderedOperand(v, at), null);
                    case "$lte" -> new Compare(at, op, Op.LTE, orderedOperand(v, at), null);
                    case "$regex" -> new Regex(at, regex(v, at));
                    case "$exists" -> {
                        if (!v.isBoolean()) {
                            throw malformed(at, "must be true or false");
                        }
                        yield new Exists(at, v.booleanValue());
                    }
                    default -> {
                        if (!v.isObject() || v.isEmpty() || !v.fieldNames().next().startsWith("$")) {
                            throw malformed(at, "must be an object of operators such as {\"$regex\": ...}");
                        }
                        yield new NotAll(at, operators(v, at, depth + 1));
                    }
                });
            }
            return conditions;
        }

        private void count(String path, int depth) {
            if (depth > MAX_DEPTH) {
                throw new WhereException(path, "is nested too deep: a where expression may be at most " + MAX_DEPTH
                        + " levels deep", true);
            }
            if (++nodes > MAX_NODES) {
                throw new WhereException(path, "is one node too many: a where expression may have at most "
                        + MAX_NODES + " operators, fields and combinators", true);
            }
        }

        private static Object scalarOperand(JsonNode v, String path) {
            if (!scalar(v)) {
                throw malformed(path, "must be a string, a number or true/false");
            }
            return operand(v);
        }

        private static Object orderedOperand(JsonNode v, String path) {
            if (!v.isTextual() && !v.isNumber()) {
                throw malformed(path, "must be a number or a string");
            }
            return operand(v);
        }

        private static List<Object> list(JsonNode v, String path) {
            if (!v.isArray()) {
                throw malformed(path, "must be a JSON array");
            }
            if (v.size() > MAX_LIST) {
                throw new WhereException(path, "may hold at most " + MAX_LIST + " values", true);
            }
            List<Object> values = new ArrayList<>(v.size());
            for (int i = 0; i < v.size(); i++) {
                values.add(scalarOperand(v.get(i), path + "[" + i + "]"));
            }
            return List.copyOf(values);
        }

        private static Pattern regex(JsonNode v, String path) {
            if (!v.isTextual()) {
                throw malformed(path, "must be a string (a regular expression)");
            }
            if (v.textValue().length() > MAX_REGEX) {
                throw new WhereException(path, "may be at most " + MAX_REGEX + " characters", true);
            }
            try {
                return Pattern.compile(v.textValue());
            } catch (PatternSyntaxException e) {
                throw new WhereException(path, "is not a valid regular expression (RE2 syntax): "
                        + e.getDescription(), true);
            }
        }

        private static boolean scalar(JsonNode v) {
            return v.isTextual() || v.isNumber() || v.isBoolean();
        }

        private static Object operand(JsonNode v) {
            return v.isTextual() ? v.textValue() : v.isBoolean() ? (Object) v.booleanValue() : (Object) v.doubleValue();
        }

        private static String join(String path, String key) {
            return path.isEmpty() ? key : path + "." + key;
        }

        private static String names(Set<WhereField> fields) {
            List<String> names = new ArrayList<>();
            for (WhereField f : fields) {
                names.add(f.nested() ? f.jsonName() + ".<path>" : f.jsonName());
            }
            return String.join(", ", names);
        }

        private static WhereException malformed(String path, String message) {
            return new WhereException(path, message, false);
        }
    }
}
