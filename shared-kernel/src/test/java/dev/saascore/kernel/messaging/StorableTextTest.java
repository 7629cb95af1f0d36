package dev.saascore.kernel.messaging;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class StorableTextTest {

    @Test
    void textPostgresqlCanStorePasses() {
        assertThat(StorableText.problem("Acme الكويت 😀 ünïcode")).isNull();
        assertThat(StorableText.oneLineProblem("Acme الكويت 😀")).isNull();
        assertThat(StorableText.multiLineProblem("first line\nsecond\tline\r\n")).isNull();
        assertThat(StorableText.problem(null)).isNull();
    }

    @Test
    void aNulCharacterIsRefusedEverywhere() {
        assertThat(StorableText.problem("a\u0000b")).isEqualTo(StorableText.UNSTORABLE);
        assertThat(StorableText.oneLineProblem("a\u0000b")).isEqualTo(StorableText.UNSTORABLE);
        assertThat(StorableText.multiLineProblem("a\u0000b")).isEqualTo(StorableText.UNSTORABLE);
    }

    @Test
    void loneSurrogatesHaveNoUtf8FormAndAreRefused() {
        assertThat(StorableText.problem("a\uD83D")).isEqualTo(StorableText.UNSTORABLE);
        assertThat(StorableText.problem("\uDE00b")).isEqualTo(StorableText.UNSTORABLE);
        assertThat(StorableText.problem("\uD83D\uD83D\uDE00")).isEqualTo(StorableText.UNSTORABLE);
    }

    @Test
    void oneLineFieldsRefuseOtherControlCharactersTooButMultiLineFieldsKeepLineBreaks() {
        assertThat(StorableText.oneLineProblem("a\nb")).isEqualTo(StorableText.UNSTORABLE);
        assertThat(StorableText.oneLineProblem("a\u001b[31mb")).isEqualTo(StorableText.UNSTORABLE);
        assertThat(StorableText.multiLineProblem("a\u001b[31mb")).isEqualTo(StorableText.UNSTORABLE);
        assertThat(StorableText.problem("a\u001bb\nc")).isNull();
    }

    @Test
    void lengthCountsCharactersAsPeopleDo() {
        assertThat(StorableText.length("😀😀")).isEqualTo(2);
    }
}
