package ai.automations.trigger.ingest;

/**
 * How a request names the attributes of one event when it refuses them: as the JSON fields of a structured event
 * ({@code type}, or {@code [2].type} inside a batch) or, in HTTP binary mode, as the headers that carried them
 * ({@code ce-type}, {@code content-type}). The data keeps its JSON path ({@code data.alias}) in every mode.
 */
public interface EventFields {

    /** Binary mode: attributes are {@code ce-*} headers, {@code datacontenttype} is {@code content-type}. */
    EventFields BINARY = new EventFields() {
        @Override
        public String attribute(String name) {
            return "datacontenttype".equals(name) ? "content-type" : "ce-" + name;
        }

        @Override
        public String data() {
            return "data";
        }

        @Override
        public String event() {
            return null;
        }
    };

    /** The field or header an attribute was sent in. */
    String attribute(String name);

    /** Where the event's data was sent; its fields are named below it ({@code data.alias}). */
    String data();

    /** The whole event ({@code [2]} in a batch), {@code null} for a request of one event. */
    String event();

    /** A structured event, on its own ({@code at} null) or at {@code at} in a batch ({@code [2]}). */
    static EventFields structured(String at) {
        return new EventFields() {
            @Override
            public String attribute(String name) {
                return at == null ? name : at + "." + name;
            }

            @Override
            public String data() {
                return attribute("data");
            }

            @Override
            public String event() {
                return at;
            }
        };
    }
}
