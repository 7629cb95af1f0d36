package dev.saascore.command.ai.tokens;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingRegistry;
import com.knuddels.jtokkit.api.EncodingType;
import com.knuddels.jtokkit.api.IntArrayList;
import dev.saascore.command.ai.provider.ChatMessage;
import org.springframework.stereotype.Component;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Counts tokens the way OpenAI's tokenizers do (jtokkit), so prompt estimates and counted answers match what a
 * provider bills. The encoding follows the model: {@code o200k_base} for the gpt-4o, gpt-4.1, gpt-4.5, gpt-5 and
 * o-series families and for our offline models, {@code cl100k_base} for gpt-4, gpt-3.5-turbo and every model we do
 * not know. A {@code vendor/} prefix (as OpenRouter-style upstreams name models) is ignored.
 * <p>
 * Text is encoded as ordinary text: {@code <|endoftext|>} in a user's message counts as the characters it is,
 * as it does at OpenAI, instead of failing. Thread-safe; instances are cheap (the encodings are shared).
 */
@Component
public class TokenCounter {

    /** Every chat message costs this much on top of its role and content (OpenAI cookbook, gpt-4o/gpt-4 family). */
    private static final int TOKENS_PER_MESSAGE = 3;
    /** The reply is primed with {@code <|start|>assistant<|message|>}. */
    private static final int REPLY_PRIMING = 3;

    private static final List<String> O200K_MODEL_PREFIXES =
            List.of("gpt-4o", "chatgpt-4o", "gpt-4.1", "gpt-4.5", "gpt-5", "o1", "o3", "o4", "offline-");

    /** Loading the encodings' vocabularies takes a while, so it happens once per JVM, on first use. */
    private static final class SharedEncodings {
        private static final Encoding O200K;
        private static final Encoding CL100K;

        static {
            EncodingRegistry registry = Encodings.newLazyEncodingRegistry();
            O200K = registry.getEncoding(EncodingType.O200K_BASE);
            CL100K = registry.getEncoding(EncodingType.CL100K_BASE);
        }
    }

    /** Tokens of a chat prompt as OpenAI bills it: each message's overhead, role and content, plus the reply priming. */
    public int promptTokens(String model, List<ChatMessage> messages) {
        Encoding encoding = encodingFor(model);
        int tokens = REPLY_PRIMING;
        for (ChatMessage message : messages) {
            tokens += TOKENS_PER_MESSAGE + count(encoding, message.role()) + count(encoding, message.content());
        }
        return tokens;
    }

    public int textTokens(String model, String text) {
        return count(encodingFor(model), text);
    }

    /**
     * The text of the first {@code maxTokens} tokens of {@code text} (all of it when it is shorter). A character whose
     * bytes the cut splits between two tokens is left out, so the result is always a prefix of {@code text}.
     */
    public String truncate(String model, String text, int maxTokens) {
        Encoding encoding = encodingFor(model);
        IntArrayList tokens = encoding.encodeOrdinary(text);
        if (tokens.size() <= maxTokens) {
            return text;
        }
        byte[] bytes = encoding.decodeBytes(slice(tokens, 0, Math.max(0, maxTokens)));
        return new String(bytes, 0, completeUtf8Length(bytes, bytes.length), StandardCharsets.UTF_8);
    }

    /**
     * {@code text} cut into consecutive pieces of {@code tokensPerPiece} tokens each (the last may be shorter), as a
     * model streams its answer. A character split between tokens goes whole into the later piece; joined, the pieces
     * are {@code text}.
     */
    public List<String> pieces(String model, String text, int tokensPerPiece) {
        if (tokensPerPiece < 1) {
            throw new IllegalArgumentException("tokensPerPiece must be positive, not " + tokensPerPiece);
        }
        Encoding encoding = encodingFor(model);
        IntArrayList tokens = encoding.encodeOrdinary(text);
        List<String> pieces = new ArrayList<>();
        ByteArrayOutputStream pending = new ByteArrayOutputStream();
        for (int from = 0; from < tokens.size(); from += tokensPerPiece) {
            pending.writeBytes(encoding.decodeBytes(slice(tokens, from, Math.min(tokens.size(), from + tokensPerPiece))));
            byte[] bytes = pending.toByteArray();
            int complete = completeUtf8Length(bytes, bytes.length);
            if (complete > 0) {
                pieces.add(new String(bytes, 0, complete, StandardCharsets.UTF_8));
            }
            pending.reset();
            pending.write(bytes, complete, bytes.length - complete);
        }
        return pieces;
    }

    private static Encoding encodingFor(String model) {
        String name = model == null ? "" : model.toLowerCase(Locale.ROOT);
        name = name.substring(name.lastIndexOf('/') + 1);
        for (String prefix : O200K_MODEL_PREFIXES) {
            if (name.startsWith(prefix)) {
                return SharedEncodings.O200K;
            }
        }
        return SharedEncodings.CL100K;
    }

    private static int count(Encoding encoding, String text) {
        return text == null || text.isEmpty() ? 0 : encoding.countTokensOrdinary(text);
    }

    private static IntArrayList slice(IntArrayList tokens, int from, int to) {
        IntArrayList slice = new IntArrayList(to - from);
        for (int i = from; i < to; i++) {
            slice.add(tokens.get(i));
        }
        return slice;
    }

    /** How many of the first {@code length} bytes form whole UTF-8 characters (an unfinished last one is left out). */
    private static int completeUtf8Length(byte[] bytes, int length) {
        // a character is at most 4 bytes: look back for the lead byte of the last one
        for (int i = length - 1; i >= Math.max(0, length - 4); i--) {
            int b = bytes[i] & 0xFF;
            if ((b & 0xC0) != 0x80) {
                int needed = b < 0x80 ? 1 : b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : 2;
                return i + needed <= length ? length : i;
            }
        }
        return length;
    }
}
