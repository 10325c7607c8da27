package ai.automations.console.ui.automation;

import io.quarkus.qute.TemplateData;

/**
 * Why a save was refused: the API's sentence and the field it named (e.g.
 * {@code event.filter.where.$and[0].alias.$regex}), so the form can show it next to the field it concerns.
 */
@TemplateData
public record FormError(String message, String field) {

    /** Whether the refusal concerns the field {@code prefix} or a node inside it. */
    public boolean on(String prefix) {
        return field != null && (field.equals(prefix) || field.startsWith(prefix + ".")
                || field.startsWith(prefix + "["));
    }
}
