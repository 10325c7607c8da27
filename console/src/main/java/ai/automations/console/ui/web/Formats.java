package ai.automations.console.ui.web;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import io.quarkus.qute.TemplateExtension;

/**
 * Template helpers: {@code {url:seg(name)}} percent-encodes a name for a link, {@code {fmt:json(value)}} pretty-prints
 * a JSON value, {@code {fmt:value(v)}} shows a text as itself and anything else as JSON, {@code {fmt:time(text)}}
 * shortens an ISO timestamp. Their output is escaped like any other.
 */
public final class Formats {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .findAndRegisterModules();

    private Formats() {
    }

    @TemplateExtension(namespace = "url")
    static String seg(Object value) {
        return value == null ? ""
                : URLEncoder.encode(String.valueOf(value), StandardCharsets.UTF_8).replace("+", "%20");
    }

    @TemplateExtension(namespace = "fmt")
    static String json(Object value) {
        if (value == null) {
            return "";
        }
        try {
            return JSON.writeValueAsString(value);
        } catch (Exception e) {
            return String.valueOf(value);
        }
    }

    /** A text as itself, any other JSON value (number, object, list) as JSON: how metadata values read best. */
    @TemplateExtension(namespace = "fmt")
    static String value(Object value) {
        return value instanceof String text ? text : json(value);
    }

    /** {@code 2026-12-01T15:04:05.123456Z} → {@code 2026-12-01 15:04:05Z}. */
    @TemplateExtension(namespace = "fmt")
    static String time(Object value) {
        if (value == null) {
            return "";
        }
        String text = String.valueOf(value);
        int dot = text.indexOf('.');
        String trimmed = dot > 0 ? text.substring(0, dot) + (text.endsWith("Z") ? "Z" : "") : text;
        return trimmed.replace('T', ' ');
    }
}
