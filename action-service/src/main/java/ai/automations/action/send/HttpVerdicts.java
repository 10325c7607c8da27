package ai.automations.action.send;

import java.time.Instant;

import ai.automations.action.execution.Verdict;
import ai.automations.action.outbound.CallResult;

/**
 * The contract's reading of an HTTP answer: 2xx success; 410 gone (disable the integration); 408, 429, 5xx and
 * transient network failures retried (honouring {@code Retry-After}); anything else fails at once.
 */
public final class HttpVerdicts {

    private HttpVerdicts() {
    }

    public static Verdict of(CallResult result, Instant now) {
        if (!result.hasResponse()) {
            return result.isTransientFailure()
                    ? Verdict.retry(result.error(), java.util.Optional.empty())
                    : Verdict.fail(result.error());
        }
        int status = result.statusCode();
        if (status >= 200 && status < 300) {
            return Verdict.success();
        }
        String error = "HTTP " + status;
        if (status == 410) {
            return Verdict.gone(error + ": the endpoint is gone; the integration was disabled");
        }
        if (status == 408 || status == 429 || status >= 500) {
            return Verdict.retry(error, RetryAfter.parse(result.retryAfter(), now));
        }
        if (status >= 300 && status < 400) {
            return Verdict.fail(error + ": redirects are not followed");
        }
        return Verdict.fail(error);
    }
}
