package ai.automations.common.error;

import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Collectors;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.PropertyBindingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import ai.automations.common.validation.Unprocessable;

/**
 * Turns what the framework finds wrong with a request (Bean Validation violations of its body and parameters,
 * Jackson's binding and parsing failures) into the contract's error: the field as the API names it
 * ({@code scope.project}, {@code tags[1]}, {@code limit}), never a Java parameter, type or class name.
 */
public final class RequestErrors {

    private RequestErrors() {
    }

    /** The error for a set of violations: the first by field path, 422 when its constraint says so, else 400. */
    public static ApiException violations(Collection<? extends ConstraintViolation<?>> violations) {
        return violations(null, violations);
    }

    /**
     * As {@link #violations(Collection)}, for an object validated on its own that sits at {@code prefix} in the
     * request (such as {@code [3]}, the fourth element of an array body).
     */
    public static ApiException violations(String prefix, Collection<? extends ConstraintViolation<?>> violations) {
        ConstraintViolation<?> first = violations.stream()
                .min(Comparator.comparing((ConstraintViolation<?> v) -> String.valueOf(field(v.getPropertyPath())))
                        .thenComparing(ConstraintViolation::getMessage))
                .orElse(null);
        if (first == null) {
            return ApiException.badRequest("The request is not valid.", null);
        }
        String field = join(prefix, field(first.getPropertyPath()));
        if (field == null) {
            field = requestParameter(first);
        }
        if (field == null) {
            return ApiException.badRequest("A JSON body is required.", null);
        }
        String message = "'" + field + "' " + first.getMessage() + ".";
        boolean unprocessable = first.getConstraintDescriptor().getAnnotation().annotationType()
                .isAnnotationPresent(Unprocessable.class);
        return unprocessable ? ApiException.unprocessable(message, field) : ApiException.badRequest(message, field);
    }

    private static String join(String prefix, String field) {
        if (prefix == null || field == null) {
            return field == null ? prefix : field;
        }
        return field.startsWith("[") ? prefix + field : prefix + "." + field;
    }

    /**
     * The JSON path of a violation: the method and its parameter are left out (they are Java names), list indexes
     * ({@code tags[1]}) and map keys ({@code metrics.loss}) are kept. {@code null} when the violation is on a whole
     * parameter (a missing body).
     */
    static String field(Path path) {
        StringBuilder field = new StringBuilder();
        for (Path.Node node : path) {
            if (node.getKind() == ElementKind.METHOD || node.getKind() == ElementKind.PARAMETER
                    || node.getKind() == ElementKind.CROSS_PARAMETER || node.getKind() == ElementKind.RETURN_VALUE) {
                continue;
            }
            if (node.isInIterable() && node.getKey() != null) {
                field.append('.').append(node.getKey());
            } else if (node.isInIterable()) {
                field.append('[').append(node.getIndex()).append(']');
            }
            if (node.getKind() == ElementKind.PROPERTY) {
                if (!field.isEmpty()) {
                    field.append('.');
                }
                field.append(node.getName());
            }
        }
        return field.isEmpty() ? null : field.toString();
    }

    /**
     * The name a query, path or header parameter has in the API ({@code limit}, not the Java parameter's name), when
     * the violation is on one; {@code null} otherwise (the body).
     */
    private static String requestParameter(ConstraintViolation<?> violation) {
        Path.MethodNode method = null;
        Path.ParameterNode parameter = null;
        for (Path.Node node : violation.getPropertyPath()) {
            if (node.getKind() == ElementKind.METHOD) {
                method = node.as(Path.MethodNode.class);
            } else if (node.getKind() == ElementKind.PARAMETER) {
                parameter = node.as(Path.ParameterNode.class);
            }
        }
        if (method == null || parameter == null || violation.getRootBeanClass() == null) {
            return null;
        }
        Class<?>[] types = method.getParameterTypes().toArray(Class<?>[]::new);
        // A generated subclass (interceptors) overrides the method without its parameters' annotations: look up.
        for (Class<?> type = violation.getRootBeanClass(); type != null; type = type.getSuperclass()) {
            try {
                Method declared = type.getDeclaredMethod(method.getName(), types);
                String name = apiName(declared.getParameterAnnotations()[parameter.getParameterIndex()]);
                if (name != null) {
                    return name;
                }
            } catch (NoSuchMethodException e) {
                // not declared here; its superclass may
            }
        }
        return null;
    }

    private static String apiName(Annotation[] annotations) {
        for (Annotation annotation : annotations) {
            if (annotation instanceof QueryParam query) {
                return query.value();
            }
            if (annotation instanceof PathParam path) {
                return path.value();
            }
            if (annotation instanceof HeaderParam header) {
                return header.value();
            }
        }
        return null;
    }

    /** The error for a body Jackson could not read: the field path and what it should have been. */
    public static ApiException json(JsonProcessingException e) {
        return json(null, e);
    }

    /** As {@link #json(JsonProcessingException)}, for a part of the request at {@code prefix} read on its own. */
    public static ApiException json(String prefix, JsonProcessingException e) {
        if (!(e instanceof JsonMappingException mapping)) {
            return ApiException.badRequest("The request body is not valid JSON.", null);
        }
        String field = join(prefix, field(mapping));
        if (e instanceof PropertyBindingException) {
            return ApiException.badRequest("'" + field + "' is not a field of this request.", field);
        }
        String expected = e instanceof MismatchedInputException mismatch ? expected(mismatch.getTargetType()) : null;
        if (field == null) {
            return ApiException.badRequest(expected == null ? "The request body is not valid."
                    : "The request body must be " + expected + ".", null);
        }
        return ApiException.badRequest("'" + field + "' " + (expected == null ? "is not valid." : "must be "
                + expected + "."), field);
    }

    private static String field(JsonMappingException e) {
        return e.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                .reduce((a, b) -> b.startsWith("[") ? a + b : a + "." + b)
                .orElse(null);
    }

    /** What a value of {@code type} looks like in JSON, in words a client understands. */
    private static String expected(Class<?> type) {
        if (type != null && ObjectNode.class.isAssignableFrom(type)) {
            return "a JSON object";
        }
        if (type != null && ArrayNode.class.isAssignableFrom(type)) {
            return "a JSON array";
        }
        if (type == null || JsonNode.class.isAssignableFrom(type)) {
            return null;
        }
        if (type.isEnum()) {
            return "one of " + Arrays.stream(type.getEnumConstants()).map(String::valueOf)
                    .collect(Collectors.joining(", "));
        }
        if (type == String.class || type == Character.class || type == char.class) {
            return "a string";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class
                || type == Short.class || type == short.class) {
            return "a whole number";
        }
        if (Number.class.isAssignableFrom(type) || type.isPrimitive()) {
            return "a number";
        }
        if (type.isArray() || Collection.class.isAssignableFrom(type)) {
            return "a JSON array";
        }
        if (Map.class.isAssignableFrom(type) || !type.getName().startsWith("java.")) {
            return "a JSON object";
        }
        if (type == Instant.class) {
            return "unix seconds or an ISO-8601 instant";
        }
        if (type.getName().startsWith("java.time.")) {
            return "an ISO-8601 date-time";
        }
        return null;
    }
}
