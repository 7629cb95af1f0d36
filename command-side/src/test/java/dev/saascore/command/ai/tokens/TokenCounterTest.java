package dev.saascore.command.ai.tokens;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingRegistry;
import com.knuddels.jtokkit.api.EncodingType;
import dev.saascore.command.ai.provider.ChatMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Token counts must match what OpenAI bills, or quota estimates and recorded usage drift from the invoices. */
class TokenCounterTest {

    private static final EncodingRegistry REGISTRY = Encodings.newLazyEncodingRegistry();
    private static final Encoding O200K = REGISTRY.getEncoding(EncodingType.O200K_BASE);
    private static final Encoding CL100K = REGISTRY.getEncoding(EncodingType.CL100K_BASE);
    /** Counts differently in the two encodings (7 tokens in o200k_base, 9 in cl100k_base). */
    private static final String JAPANESE = "日本語のテキストです";
    private static final String PARAGRAPH = "The gateway reserves the prompt estimate plus the max_tokens cap before "
            + "it calls a provider, then settles to the usage the provider reports. Counting like OpenAI keeps "
            + "both numbers honest, even for long answers, URLs like https://example.com/a?b=1 and   odd spacing.";

    private final TokenCounter counter = new TokenCounter();

    @Test
    void hello_world_is_two_tokens_in_both_encodings() {
        assertThat(counter.textTokens("gpt-4o", "hello world")).isEqualTo(2);
        assertThat(counter.textTokens("gpt-4", "hello world")).isEqualTo(2);
    }

    @Test
    void a_chat_prompt_counts_as_openai_bills_it() {
        // OpenAI's own example call (system "You are a helpful assistant.", user "Hello!") reports 19 prompt tokens
        List<ChatMessage> messages = List.of(
                new ChatMessage("system", "You are a helpful assistant."),
                new ChatMessage("user", "Hello!"));

        assertThat(counter.promptTokens("gpt-4o", messages)).isEqualTo(19);
        assertThat(counter.promptTokens("gpt-4", messages)).isEqualTo(19);
    }

    @Test
    void every_message_costs_three_tokens_besides_its_role_and_content_and_the_reply_priming_three_more() {
        assertThat(counter.promptTokens("gpt-4o", List.of())).isEqualTo(3);
        assertThat(counter.promptTokens("gpt-4o", List.of(new ChatMessage("user", JAPANESE))))
                .isEqualTo(3 + 3 + 1 + O200K.countTokensOrdinary(JAPANESE));
        assertThat(counter.promptTokens("gpt-4o", List.of(new ChatMessage("assistant", null)))).isEqualTo(3 + 3 + 1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"gpt-4o", "gpt-4o-mini-2024-07-18", "chatgpt-4o-latest", "gpt-4.1-nano", "gpt-5",
            "o1-mini", "o3", "o4-mini", "offline-mini", "offline-large", "GPT-4O", "openai/gpt-4o"})
    void newer_models_and_the_offline_ones_use_o200k_base(String model) {
        assertThat(O200K.countTokensOrdinary(JAPANESE)).isNotEqualTo(CL100K.countTokensOrdinary(JAPANESE));

        assertThat(counter.textTokens(model, JAPANESE)).isEqualTo(O200K.countTokensOrdinary(JAPANESE));
    }

    @ParameterizedTest
    @ValueSource(strings = {"gpt-4", "gpt-4-turbo", "gpt-3.5-turbo", "llama-3.1-8b-instruct", "mistral-small", ""})
    void gpt_4_gpt_3_5_and_unknown_models_use_cl100k_base(String model) {
        assertThat(counter.textTokens(model, JAPANESE)).isEqualTo(CL100K.countTokensOrdinary(JAPANESE));
    }

    @Test
    void special_token_markers_in_a_message_count_as_plain_text() {
        assertThat(counter.textTokens("gpt-4o", "<|endoftext|>")).isEqualTo(O200K.countTokensOrdinary("<|endoftext|>"))
                .isGreaterThan(1);
    }

    @Test
    void truncation_keeps_exactly_the_first_max_tokens_tokens() {
        int total = counter.textTokens("gpt-4o", PARAGRAPH);

        for (int max = 1; max < total; max++) {
            String cut = counter.truncate("gpt-4o", PARAGRAPH, max);
            assertThat(PARAGRAPH).startsWith(cut);
            assertThat(counter.textTokens("gpt-4o", cut)).as("tokens of the text cut at %d", max).isEqualTo(max);
        }
        assertThat(counter.truncate("gpt-4o", PARAGRAPH, total)).isEqualTo(PARAGRAPH);
        assertThat(counter.truncate("gpt-4o", PARAGRAPH, total + 100)).isEqualTo(PARAGRAPH);
    }

    @Test
    void truncation_never_splits_a_character() {
        // a parrot emoji is three tokens: two bytes, one, one
        String parrots = "🦜🦜";

        assertThat(counter.truncate("gpt-4o", parrots, 2)).isEmpty();
        assertThat(counter.truncate("gpt-4o", parrots, 3)).isEqualTo("🦜");
        assertThat(counter.truncate("gpt-4o", parrots, 5)).isEqualTo("🦜");
    }

    @Test
    void pieces_have_the_asked_number_of_tokens_and_join_to_the_text() {
        List<String> pieces = counter.pieces("gpt-4", PARAGRAPH, 4);

        assertThat(String.join("", pieces)).isEqualTo(PARAGRAPH);
        assertThat(pieces).hasSize((counter.textTokens("gpt-4", PARAGRAPH) + 3) / 4);
        assertThat(pieces.subList(0, pieces.size() - 1))
                .allSatisfy(piece -> assertThat(counter.textTokens("gpt-4", piece)).isEqualTo(4));
    }

    @Test
    void a_character_split_between_pieces_goes_whole_into_the_later_one() {
        assertThat(counter.pieces("gpt-4o", "🦜🦜", 2)).containsExactly("🦜", "🦜");
        assertThat(counter.pieces("gpt-4o", "", 2)).isEmpty();
        assertThatThrownBy(() -> counter.pieces("gpt-4o", "hello", 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
