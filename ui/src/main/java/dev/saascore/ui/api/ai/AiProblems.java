package dev.saascore.ui.api.ai;

import dev.saascore.command.ai.gateway.AiGatewayRefusal;
import dev.saascore.ui.api.ApiProblems;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;

import java.time.Duration;

/** The gateway's refusals as problem+json, with {@code Retry-After} where waiting helps. */
final class AiProblems {

    static final String COST_HEADER = "X-AI-Cost-KWD";

    private AiProblems() {
    }

    static ResponseEntity<Object> of(AiGatewayRefusal refusal) {
        HttpStatus status = status(refusal.kind());
        ResponseEntity<Object> problem = ApiProblems.problem(status, title(refusal.kind()), refusal.getMessage(),
                refusal.violations());
        HttpHeaders headers = new HttpHeaders();
        headers.putAll(problem.getHeaders());
        if (refusal.retryAfter() != null) {
            headers.set(HttpHeaders.RETRY_AFTER, Long.toString(seconds(refusal.retryAfter())));
        }
        if (problem.getBody() instanceof ProblemDetail detail && refusal.reason() != null) {
            detail.setProperty("reason", refusal.reason().name());
        }
        return ResponseEntity.status(status).headers(headers).body(problem.getBody());
    }

    /** Whole seconds, rounded up: waiting less than told must never be enough to be refused again. */
    private static long seconds(Duration wait) {
        long seconds = wait.getSeconds() + (wait.getNano() > 0 ? 1 : 0);
        return Math.max(1, seconds);
    }

    private static HttpStatus status(AiGatewayRefusal.Kind kind) {
        switch (kind) {
            case INVALID_REQUEST:
            case PROVIDER_REJECTED:
                return HttpStatus.BAD_REQUEST;
            case UNKNOWN_MODEL:
                return HttpStatus.NOT_FOUND;
            case TENANT_SUSPENDED:
                return HttpStatus.FORBIDDEN;
            case QUOTA_EXCEEDED:
                return HttpStatus.TOO_MANY_REQUESTS;
            case QUOTA_STORE_UNAVAILABLE:
            case PROVIDER_BUSY:
                return HttpStatus.SERVICE_UNAVAILABLE;
            case PROVIDER_TIMEOUT:
                return HttpStatus.GATEWAY_TIMEOUT;
            default:
                return HttpStatus.BAD_GATEWAY;
        }
    }

    private static String title(AiGatewayRefusal.Kind kind) {
        switch (kind) {
            case INVALID_REQUEST:
                return "Invalid request";
            case UNKNOWN_MODEL:
                return "Unknown model";
            case TENANT_SUSPENDED:
                return "Tenant suspended";
            case QUOTA_EXCEEDED:
                return "AI quota exceeded";
            case QUOTA_STORE_UNAVAILABLE:
                return "Quota store unavailable";
            case PROVIDER_TIMEOUT:
                return "AI provider timeout";
            case PROVIDER_BUSY:
                return "AI provider busy";
            case PROVIDER_REJECTED:
                return "Rejected by the AI provider";
            default:
                return "AI provider failure";
        }
    }
}
