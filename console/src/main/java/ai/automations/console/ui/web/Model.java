package ai.automations.console.ui.web;

import java.util.LinkedHashMap;
import java.util.Map;

/** A page's data from name/value pairs; unlike {@code Map.of}, a value may be null (the page shows nothing). */
public final class Model {

    private Model() {
    }

    public static Map<String, Object> of(Object... namesAndValues) {
        Map<String, Object> data = new LinkedHashMap<>();
        for (int i = 0; i + 1 < namesAndValues.length; i += 2) {
            data.put(String.valueOf(namesAndValues[i]), namesAndValues[i + 1]);
        }
        return data;
    }
}
