package dev.saascore.kernel.tenant;

import dev.saascore.kernel.messaging.FieldViolation;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TenantRulesTest {

    @ParameterizedTest
    @ValueSource(strings = {"acme", "acme-kw", "a1b", "kuwait-trading-company-2026"})
    void acceptsSlugsMadeOfLowerCaseLettersDigitsAndInnerHyphens(String slug) {
        assertThat(TenantRules.onboarding("Acme", slug, "Owner", "owner@acme.test")).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "ab", "Acme", "acme_kw", "-acme", "acme-", "acme kw", "ácme",
            "a23456789012345678901234567890123456789012"})
    void refusesOtherSlugs(String slug) {
        assertThat(TenantRules.onboarding("Acme", slug, "Owner", "owner@acme.test"))
                .extracting(FieldViolation::field).containsExactly("slug");
    }

    @ParameterizedTest
    @ValueSource(strings = {"plain", "two@@at.test", "no-dot@domain", "spa ce@acme.test", "@acme.test", "a@.test"})
    void refusesMalformedEmailAddresses(String email) {
        assertThat(TenantRules.onboarding("Acme", "acme", "Owner", email))
                .extracting(FieldViolation::field).containsExactly("ownerEmail");
    }

    @Test
    void namesAreRequiredAndBounded() {
        assertThat(TenantRules.onboarding(" ", "acme", "x".repeat(101), "owner@acme.test"))
                .extracting(FieldViolation::field).containsExactly("name", "ownerName");
        assertThat(TenantRules.onboarding("x".repeat(100), "acme", "Owner", "owner@acme.test")).isEmpty();
    }

    @Test
    void reasonsAreRequiredAndBounded() {
        assertThat(TenantRules.reason(null)).hasSize(1);
        assertThat(TenantRules.reason("x".repeat(501))).hasSize(1);
        assertThat(TenantRules.reason("Unpaid invoices")).isEmpty();
    }

    @Test
    void textThatCannotBeStoredIsRefusedOnTheFieldItIsIn() {
        assertThat(TenantRules.onboarding("Acme\u0000", "acme", "Ow\uD800ner", "own\u0000er@acme.test"))
                .extracting(FieldViolation::field).containsExactly("name", "ownerName", "ownerEmail");
        assertThat(TenantRules.reason("Unpaid\u0000")).extracting(FieldViolation::message)
                .containsExactly(dev.saascore.kernel.messaging.StorableText.UNSTORABLE);
        assertThat(TenantRules.reason("Unpaid invoices:\n- March\n- April")).isEmpty();
    }

    @Test
    void lengthsCountCharactersNotUtf16Units() {
        assertThat(TenantRules.nameProblem("😀".repeat(100))).isNull();
        assertThat(TenantRules.nameProblem("😀".repeat(101))).isNotNull();
    }

    @Test
    void passwordsNeedTwelveToOneHundredTwentyEightCharacters() {
        assertThat(TenantRules.passwordProblem("short")).isNotNull();
        assertThat(TenantRules.passwordProblem("x".repeat(129))).isNotNull();
        assertThat(TenantRules.passwordProblem("twelve-chars")).isNull();
    }

    @Test
    void emailAddressesAreNormalisedForComparison() {
        assertThat(TenantRules.normaliseEmail("  Noor@Gulf.TEST ")).isEqualTo("noor@gulf.test");
    }
}
