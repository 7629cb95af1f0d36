package dev.saascore.ui.api;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.saascore.kernel.messaging.Caller;
import dev.saascore.kernel.messaging.FieldViolation;
import dev.saascore.kernel.tenant.TenantRules;
import dev.saascore.ui.processing.DeadLetters;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

/**
 * Dead letters for platform administrators ({@code /api/platform/**} is theirs alone, ApiSecurityConfiguration):
 * list the events a processing group parked, retry one, or discard one with a reason (docs/operations.md).
 */
@RestController
@RequestMapping("/api/platform/dead-letters")
class DeadLetterApiController {

    private static final int MAX_PAGE = 200;

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record PageResponse(List<DeadLetters.Letter> items, String nextCursor) {
    }

    record RetryResponse(String outcome) {
    }

    record DiscardRequest(String reason) {
    }

    private final DeadLetters deadLetters;

    DeadLetterApiController(DeadLetters deadLetters) {
        this.deadLetters = deadLetters;
    }

    @GetMapping
    PageResponse list(@RequestParam(name = "processing_group", required = false) String processingGroup,
                      @RequestParam(required = false) String cursor,
                      @RequestParam(defaultValue = "50") int limit) {
        if (limit < 1 || limit > MAX_PAGE) {
            throw new ApiProblems.BadInput("limit", "must be between 1 and " + MAX_PAGE);
        }
        DeadLetters.Page page = deadLetters.list(processingGroup, cursor, limit);
        return new PageResponse(page.letters(), page.nextCursor());
    }

    /** Handles the letter's sequence again: {@code HANDLED}, or {@code FAILED_AGAIN} (still parked, new cause). */
    @PostMapping("/{letterId}/retry")
    RetryResponse retry(@PathVariable String letterId, @AuthenticationPrincipal Caller caller) {
        return deadLetters.retry(letterId, caller.actorId())
                .map(outcome -> new RetryResponse(outcome.name()))
                .orElseThrow(DeadLetterApiController::noSuchLetter);
    }

    @PostMapping("/{letterId}/discard")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void discard(@PathVariable String letterId, @RequestBody DiscardRequest request,
                 @AuthenticationPrincipal Caller caller) {
        List<FieldViolation> violations = TenantRules.reason(request.reason());
        if (!violations.isEmpty()) {
            throw new ApiProblems.BadInput(violations);
        }
        if (!deadLetters.discard(letterId, caller.actorId(), request.reason().strip())) {
            throw noSuchLetter();
        }
    }

    private static ApiProblems.NotFound noSuchLetter() {
        return new ApiProblems.NotFound("No such dead letter.");
    }
}
