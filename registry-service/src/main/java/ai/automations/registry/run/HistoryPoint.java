package ai.automations.registry.run;

import java.time.Instant;
import java.util.Map;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;


/**
 * One point of {@code POST .../runs/{runId}/history} as a client writes it: a step, its metric values, and when it
 * was logged ({@link UnixOrIsoInstant}; the time of the call when absent). A value may be NaN or ±Infinity
 * ({@link MetricValue}): a diverged loss is exactly what a user wants to hear about.
 */
public record HistoryPoint(
        @NotNull @PositiveOrZero(message = "must be a whole number, 0 or more") Long step,
        @NotEmpty(message = "is required: an object of metric names to numbers")
        @JsonDeserialize(contentUsing = MetricValue.class) Map<@NotBlank @Size(max = 256) String, @NotNull Double> metrics,
        @JsonDeserialize(using = UnixOrIsoInstant.class) Instant timestamp) {
}
