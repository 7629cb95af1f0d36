package dev.saascore.command.ai.provider;

import dev.saascore.command.ai.tokens.TokenCounter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The built-in models the demo and the gateway's tests run on: exact, repeatable, and still helpful. */
class OfflineProviderTest {

    /** One prompt per kind of answer, each as short as that kind gets. */
    private static final List<String> SHORT_PROMPTS = List.of("hi", "3+4", "what is 1/0", "echo a", "repeat after me",
            "count the words in a", "count the letters", "summarise", "tl;dr", "help", "?", "", "Why?");

    private final TokenCounter tokens = new TokenCounter();
    private final OfflineProvider provider = new OfflineProvider(tokens);

    @Test
    void serves_a_concise_and_a_detailed_model() {
        assertThat(provider.models()).containsExactly("offline-mini", "offline-large");

        String mini = ask("offline-mini", "Why is the sky blue?").content();
        String large = ask("offline-large", "Why is the sky blue?").content();

        assertThat(tokens.textTokens("offline-large", large)).isGreaterThan(tokens.textTokens("offline-mini", mini));
    }

    @Test
    void the_same_request_gets_the_same_answer_whatever_the_temperature() {
        ChatRequest request = new ChatRequest("offline-mini", List.of(new ChatMessage("system", "Be brief."),
                new ChatMessage("user", "Explain event sourcing to my colleague")), 200, 0.2);

        ChatCompletion first = provider.complete(request);

        assertThat(new OfflineProvider(new TokenCounter()).complete(request)).isEqualTo(first);
        assertThat(provider.complete(new ChatRequest(request.model(), request.messages(), 200, 1.7))).isEqualTo(first);
        assertThat(first.content()).contains("\"event\"", "\"sourcing\"", "\"colleague\"");
    }

    @Test
    void usage_is_exactly_the_counted_prompt_and_answer() {
        List<ChatMessage> messages = List.of(new ChatMessage("system", "You are terse."),
                new ChatMessage("user", "Tell me about quotas"), new ChatMessage("assistant", "Quotas limit tokens."),
                new ChatMessage("user", "And about Redis?"));

        ChatCompletion completion = provider.complete(new ChatRequest("offline-large", messages, 1000, null));

        assertThat(completion.finishReason()).isEqualTo("stop");
        assertThat(completion.model()).isEqualTo("offline-large");
        assertThat(completion.usage()).isEqualTo(new ProviderUsage(tokens.promptTokens("offline-large", messages),
                tokens.textTokens("offline-large", completion.content())));
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 5, 16})
    void an_answer_longer_than_max_tokens_stops_at_exactly_max_tokens(int maxTokens) {
        for (String model : provider.models()) {
            for (String prompt : SHORT_PROMPTS) {
                String whole = ask(model, prompt).content();
                ChatCompletion cut = provider.complete(request(model, prompt, maxTokens));

                assertThat(cut.finishReason()).as("%s on %s", model, prompt).isEqualTo("length");
                assertThat(cut.usage().completionTokens()).isEqualTo(maxTokens);
                assertThat(tokens.textTokens(model, cut.content())).isEqualTo(maxTokens);
                assertThat(whole).startsWith(cut.content());
            }
        }
    }

    @Test
    void a_stream_sends_the_answer_in_chunks_of_a_few_tokens_and_returns_the_same_completion() throws IOException {
        for (int maxTokens : new int[] {1000, 16}) {
            ChatRequest request = request("offline-large", "summarise: Reservations expire. None leak. Budgets hold. "
                    + "Usage is recorded once per request id, so retries never count twice.", maxTokens);
            List<String> chunks = new ArrayList<>();

            ChatCompletion streamed = provider.stream(request, chunks::add);

            assertThat(streamed).isEqualTo(provider.complete(request));
            assertThat(String.join("", chunks)).isEqualTo(streamed.content());
            assertThat(chunks).hasSizeGreaterThan(3)
                    .allSatisfy(chunk -> assertThat(tokens.textTokens("offline-large", chunk)).isBetween(1, 4));
        }
    }

    @Test
    void a_stream_stops_when_the_client_goes_away() {
        List<String> received = new ArrayList<>();

        assertThatThrownBy(() -> provider.stream(request("offline-mini", "Why is the sky blue?", 1000), chunk -> {
            received.add(chunk);
            if (received.size() == 2) {
                throw new IOException("client disconnected");
            }
        })).isInstanceOf(IOException.class).hasMessage("client disconnected");
        assertThat(received).hasSize(2);
    }

    @Test
    void calculates_exactly() {
        assertThat(ask("offline-mini", "what is 12*7").content()).startsWith("12*7 = 84.");
        assertThat(ask("offline-mini", "What is (2 + 3) * 4?").content()).startsWith("(2 + 3) * 4 = 20.");
        assertThat(ask("offline-mini", "7 divided by 2").content()).startsWith("7 / 2 = 3.5.");
        assertThat(ask("offline-mini", "calculate 0.1 + 0.2").content()).startsWith("0.1 + 0.2 = 0.3.");
        assertThat(ask("offline-mini", "what is -3 - -5").content()).startsWith("-3 - -5 = 2.");
        assertThat(ask("offline-large", "what is 1/0").content()).startsWith("1/0 has no value: it divides by zero");
    }

    @Test
    void numbers_in_ordinary_sentences_and_dates_are_not_calculated() {
        assertThat(ask("offline-mini", "I have 2 cats and 3 dogs").content()).startsWith("You wrote about \"cats\"");
        assertThat(ask("offline-mini", "what is the date 2024-05-01").content()).doesNotContain("2018");
    }

    @Test
    void counts_words_letters_and_characters() {
        assertThat(ask("offline-mini", "count the words in the quick brown fox").content())
                .startsWith("\"the quick brown fox\" has 4 words.");
        assertThat(ask("offline-mini", "How many letters are in \"Mississippi\"?").content())
                .startsWith("\"Mississippi\" has 11 letters.");
        assertThat(ask("offline-large", "count the characters: hello, world").content())
                .startsWith("\"hello, world\" has 12 characters")
                .contains("2 words, 12 characters and 10 letters");
    }

    @Test
    void echoes_word_for_word() {
        assertThat(ask("offline-mini", "echo Grüße aus\nKuwait 🙂").content()).startsWith("Grüße aus\nKuwait 🙂\n\n");
    }

    @Test
    void summarises_a_given_text_or_the_conversation_before() {
        String text = "The gateway reserves tokens before each call. It settles to the actual usage afterwards. "
                + "Tokens left over go back to the budget.";

        assertThat(ask("offline-mini", "summarise: " + text).content())
                .startsWith("In short: The gateway reserves tokens before each call.")
                .contains("22 words in 3 sentences", "\"tokens\"");

        ChatCompletion ofConversation = provider.complete(new ChatRequest("offline-large", List.of(
                new ChatMessage("user", text), new ChatMessage("user", "tl;dr")), 1000, null));
        assertThat(ofConversation.content()).contains("Main point: The gateway reserves tokens before each call.",
                "Last point: Tokens left over go back to the budget.");
    }

    @Test
    void says_what_it_is_and_how_to_configure_a_real_model() {
        assertThat(ask("offline-mini", "hello").content()).startsWith("Hello! I am offline-mini")
                .contains("offline demo model");
        assertThat(ask("offline-large", "How do I configure a real model?").content())
                .contains("offline demo model", "saas.ai.upstream.base-url", "AI_API_KEY", "saas.ai.upstream.models");
    }

    @Test
    void refuses_models_it_does_not_have_and_max_tokens_below_one() {
        assertThatThrownBy(() -> provider.complete(request("gpt-4o", "hi", 10)))
                .isInstanceOfSatisfying(ProviderException.class,
                        e -> assertThat(e.kind()).isEqualTo(ProviderException.Kind.REJECTED));
        assertThatThrownBy(() -> provider.complete(request("offline-mini", "hi", 0)))
                .isInstanceOfSatisfying(ProviderException.class,
                        e -> assertThat(e.kind()).isEqualTo(ProviderException.Kind.REJECTED));
    }

    private ChatCompletion ask(String model, String prompt) {
        return provider.complete(request(model, prompt, 1000));
    }

    private static ChatRequest request(String model, String prompt, int maxTokens) {
        return new ChatRequest(model, List.of(new ChatMessage("user", prompt)), maxTokens, null);
    }
}
