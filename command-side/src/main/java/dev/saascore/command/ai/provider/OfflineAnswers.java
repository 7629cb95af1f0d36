package dev.saascore.command.ai.provider;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * What the offline models say: a pure function of the conversation and the model's style, so that the same request
 * always gets the same answer. It recognises a few requests it can really serve (echo, counting words, summarising,
 * arithmetic, greetings, questions about itself) and otherwise answers coherently about the prompt's key terms while
 * saying plainly that it is a demo model. Every answer is a few sentences long, so a small max_tokens always cuts it.
 */
final class OfflineAnswers {

    private static final String CONFIGURE_UPSTREAM = "set saas.ai.upstream.base-url (for example "
            + "https://api.openai.com/v1), put the key in the AI_API_KEY environment variable and list the allowed "
            + "models in saas.ai.upstream.models";

    private static final Pattern ECHO = Pattern.compile("^\\s*(?:echo|repeat(?: after me)?)\\b[\\s:,]*(.*)$",
            Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
    private static final Pattern COUNT = Pattern.compile("\\b(?:count|how many)\\b.*?\\b(words?|characters?|chars|letters?)\\b",
            Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
    private static final Pattern SUMMARY = Pattern.compile("\\b(?:summari[sz]e|summary|tl;?dr)\\b",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern QUOTED = Pattern.compile("[\"“]([^\"“”]+)[\"”]");
    private static final Pattern LEADING_FILLER = Pattern.compile(
            "^(?:\\s|[:,.\\-]|\\b(?:are|is|there|in|of|the following|following|please)\\b)+",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern ARITHMETIC_CUE = Pattern.compile(
            "what is|what's|whats|calculate|compute|evaluate|how much is|solve|=", Pattern.CASE_INSENSITIVE);
    private static final Pattern EXPRESSION = Pattern.compile("-?[\\d(][\\d\\s.+\\-*/()]*[\\d)]");
    /** 2024-05-01 is a date, not a subtraction. */
    private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{1,2}-\\d{1,2}");
    private static final Pattern GREETING = Pattern.compile(
            "^\\s*(?:hi|hello|hey|hallo|howdy|greetings|salam|marhaba|good (?:morning|afternoon|evening))\\b",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern ABOUT = Pattern.compile("who are you|what are you|which model|what model|are you real"
            + "|what can you do|\\bhelp\\b|configur|upstream|real model|api key", Pattern.CASE_INSENSITIVE);
    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}][\\p{L}\\p{N}'’-]*");
    private static final Pattern SENTENCE_END = Pattern.compile("(?<=[.!?])\\s+");

    /** Expressions longer than this are not calculated (the parser recurses into parentheses). */
    private static final int MAX_EXPRESSION_LENGTH = 200;
    private static final int PREVIEW_CHARACTERS = 60;
    private static final int SUMMARY_SENTENCE_WORDS = 25;
    /** Fewer words after "summarise" name a topic ("summarise the French revolution"), not a text. */
    private static final int MIN_SUMMARY_WORDS = 8;

    private static final Set<String> STOP_WORDS = Set.of(("a an and are as at be been but by can could did do does "
            + "for from had has have how i if in into is it its me my no not of on or our please so than that the "
            + "their them then there these they this to us was we were what when where which who why will with would "
            + "you your about tell explain give some any just also should write make create describe list show need want "
            + "know get").split(" "));

    private final String model;
    private final boolean detailed;

    OfflineAnswers(String model, boolean detailed) {
        this.model = model;
        this.detailed = detailed;
    }

    String answer(List<ChatMessage> messages) {
        String prompt = lastUserMessage(messages);
        Matcher echo = ECHO.matcher(prompt);
        if (echo.matches()) {
            return echo(echo.group(1).strip());
        }
        Matcher count = COUNT.matcher(prompt);
        if (count.find()) {
            return count(count.group(1).toLowerCase(Locale.ROOT), subject(prompt, count.end()));
        }
        Matcher summary = SUMMARY.matcher(prompt);
        if (summary.find()) {
            String text = subject(prompt, summary.end());
            return summary(words(text).size() >= MIN_SUMMARY_WORDS ? text : earlierConversation(messages), text);
        }
        Optional<String> arithmetic = arithmetic(prompt);
        if (arithmetic.isPresent()) {
            return arithmetic.get();
        }
        if (ABOUT.matcher(prompt).find()) {
            return about();
        }
        if (GREETING.matcher(prompt).find() && words(prompt).size() <= 6) {
            return greeting();
        }
        return reply(prompt);
    }

    private String echo(String text) {
        if (text.isEmpty()) {
            return "There is nothing to repeat: write the text after \"echo\", for example \"echo good morning\", "
                    + "and " + model + " sends it back word for word.";
        }
        String answer = text + "\n\n(That is your text word for word, repeated by " + model
                + ", the built-in offline demo model.)";
        return detailed ? answer + " Echoing is handy to check that a client sends and receives text unchanged, "
                + "including line breaks and characters outside English." : answer;
    }

    private String count(String unit, String text) {
        if (text.isBlank()) {
            return "Tell me which text to count, for example: count the words in \"the quick brown fox\". "
                    + "I count words, characters and letters exactly.";
        }
        int words = words(text).size();
        long characters = text.codePointCount(0, text.length());
        long letters = text.codePoints().filter(Character::isLetter).count();
        String answer;
        if (unit.startsWith("word")) {
            answer = quote(text) + " has " + plural(words, "word") + ".";
        } else if (unit.startsWith("letter")) {
            answer = quote(text) + " has " + plural(letters, "letter") + ".";
        } else {
            answer = quote(text) + " has " + plural(characters, "character") + ", spaces and punctuation included.";
        }
        answer += " I counted exactly, so you can rely on the number even though I am only the offline demo model.";
        return detailed ? answer + "\n\nFor the record, the text has " + plural(words, "word") + ", "
                + plural(characters, "character") + " and " + plural(letters, "letter")
                + ". A word is a run of letters or digits; apostrophes and hyphens inside it do not split it." : answer;
    }

    private String summary(String text, String topic) {
        List<String> words = words(text);
        if (words.isEmpty()) {
            return "Give me a text to summarise, for example \"summarise: <your text>\", and I will pick out its "
                    + "main point and key terms." + (topic.isBlank() ? "" : " As the offline demo model I know no "
                    + "facts, so I cannot summarise a topic such as " + quote(topic) + " on my own.");
        }
        List<String> sentences = Arrays.stream(SENTENCE_END.split(text.strip())).filter(s -> !s.isBlank()).toList();
        String first = shorten(sentences.get(0));
        String terms = listing(keyTerms(text, 3));
        String length = plural(words.size(), "word") + " in " + plural(sentences.size(), "sentence");
        if (!detailed) {
            return "In short: " + first + " The text has " + length + ", and its key terms are " + terms + ".";
        }
        return "Summary\n\n- Main point: " + first + "\n- Key terms: " + terms + "\n- Length: " + length
                + "\n- Last point: " + shorten(sentences.get(sentences.size() - 1)) + "\n\n" + model
                + " is the built-in offline demo model: it summarises by picking sentences and frequent words, "
                + "not by understanding the text.";
    }

    private Optional<String> arithmetic(String prompt) {
        String normalised = prompt.toLowerCase(Locale.ROOT)
                .replaceAll("\\b(?:multiplied by|times)\\b", " * ")
                .replaceAll("\\bdivided by\\b", " / ")
                .replaceAll("\\bplus\\b", " + ")
                .replaceAll("\\bminus\\b", " - ")
                .replaceAll("(?<=\\d)\\s*[x×]\\s*(?=\\d)", " * ")
                .replace('÷', '/');
        String expression = null;
        Calculator calculation = null;
        Matcher candidates = EXPRESSION.matcher(normalised);
        while (candidates.find()) {
            String candidate = candidates.group().strip();
            if (candidate.length() <= MAX_EXPRESSION_LENGTH && !DATE.matcher(candidate).matches()
                    && (expression == null || candidate.length() > expression.length())) {
                Optional<Calculator> parsed = Calculator.calculate(candidate);
                if (parsed.isPresent()) {
                    expression = candidate;
                    calculation = parsed.get();
                }
            }
        }
        boolean asked = ARITHMETIC_CUE.matcher(prompt).find()
                || expression != null && normalised.replaceAll("[\\s?=]", "").equals(expression.replaceAll("\\s", ""));
        if (expression == null || !asked) {
            return Optional.empty();
        }
        String shown = expression.replaceAll("\\s+", " ");
        String answer = calculation.dividesByZero
                ? shown + " has no value: it divides by zero, and that is undefined."
                : shown + " = " + calculation.result() + ".";
        answer += " I calculated it exactly, so you can rely on it even though I am only the offline demo model.";
        return Optional.of(detailed ? answer + "\n\nHow I got there: I took the expression from your message, "
                + "applied the usual precedence (parentheses first, then multiplication and division, then addition "
                + "and subtraction) and used exact decimal arithmetic; divisions keep 16 significant digits." : answer);
    }

    private String about() {
        String answer = "I am " + model + ", the built-in offline demo model of SaaS Core: I answer without a network "
                + "connection and without real knowledge, and the same question always gets the same answer. "
                + "I can calculate (\"what is 12*7\"), count the words in a text, and echo or summarise what you write. "
                + "To use a real model, " + CONFIGURE_UPSTREAM + "; those models then appear next to the offline ones.";
        return detailed ? answer + "\n\nThe gateway meters the offline models exactly like real ones, so quotas, "
                + "usage and costs can be tried out before any upstream is configured." : answer;
    }

    private String greeting() {
        String answer = "Hello! I am " + model + ", the built-in offline demo model of SaaS Core. "
                + "Try \"what is 12*7\", \"count the words in: …\" or \"summarise: …\", or ask me how to connect "
                + "a real model.";
        return detailed ? answer + " I work without a network connection, so my answers are quick and always "
                + "the same for the same question." : answer;
    }

    private String reply(String prompt) {
        List<String> terms = keyTerms(prompt, 3);
        String verb = prompt.strip().endsWith("?") ? "asked" : "wrote";
        String limits = "I am " + model + ", the built-in offline demo model of SaaS Core: I work without a network "
                + "connection and without real knowledge, so I cannot answer this properly.";
        if (terms.isEmpty()) {
            return "Your message has no words I could pick out. " + limits + " Ask me \"help\" to see what I can do.";
        }
        String first = listing(terms.subList(0, 1));
        if (!detailed) {
            return "You " + verb + " about " + listing(terms) + ". " + limits + " For a real answer about " + first
                    + ", pick an upstream model instead of " + model + " once one is configured.";
        }
        String second = terms.size() > 1 ? listing(terms.subList(1, 2)) : "your goal";
        String third = terms.size() > 2 ? listing(terms.subList(2, 3)) : "your constraints";
        return "You " + verb + ": " + quote(prompt.strip()) + "\n\nThe key terms I see are " + listing(terms) + ". "
                + limits + " Here is how you could approach it instead:\n\n"
                + "1. Pin down what " + first + " means in your situation.\n"
                + "2. Collect the facts that connect " + first + " with " + second + ".\n"
                + "3. Compare the options and check each against " + third + ".\n\n"
                + "For a real answer, " + CONFIGURE_UPSTREAM + ", then choose that model instead of " + model + ".";
    }

    private static String lastUserMessage(List<ChatMessage> messages) {
        for (int i = messages.size() - 1; i >= 0; i--) {
            if ("user".equals(messages.get(i).role()) && messages.get(i).content() != null) {
                return messages.get(i).content();
            }
        }
        return "";
    }

    /** What came before the last user message, for "summarise" without a text of its own. */
    private static String earlierConversation(List<ChatMessage> messages) {
        List<String> texts = new ArrayList<>();
        for (ChatMessage message : messages.subList(0, Math.max(0, messages.size() - 1))) {
            if (!"system".equals(message.role()) && message.content() != null && !message.content().isBlank()) {
                texts.add(message.content().strip());
            }
        }
        return String.join(" ", texts);
    }

    /** The text a request is about: quoted, after a colon, or whatever follows the request's keyword. */
    private static String subject(String prompt, int keywordEnd) {
        String rest = prompt.substring(keywordEnd);
        Matcher quoted = QUOTED.matcher(rest);
        if (quoted.find()) {
            return quoted.group(1).strip();
        }
        int colon = rest.indexOf(':');
        if (colon >= 0) {
            return rest.substring(colon + 1).strip();
        }
        return LEADING_FILLER.matcher(rest).replaceFirst("").strip();
    }

    private static List<String> words(String text) {
        List<String> words = new ArrayList<>();
        Matcher word = WORD.matcher(text);
        while (word.find()) {
            words.add(word.group());
        }
        return words;
    }

    /** The most frequent words that carry meaning; ties go to the word that came first. */
    private static List<String> keyTerms(String text, int limit) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        Map<String, String> firstSpelling = new LinkedHashMap<>();
        for (String word : words(text)) {
            String key = word.toLowerCase(Locale.ROOT);
            if (key.length() >= 3 && !STOP_WORDS.contains(key) && !key.chars().allMatch(Character::isDigit)) {
                counts.merge(key, 1, Integer::sum);
                firstSpelling.putIfAbsent(key, word);
            }
        }
        return counts.entrySet().stream()
                .sorted((a, b) -> Integer.compare(b.getValue(), a.getValue()))
                .limit(limit)
                .map(entry -> firstSpelling.get(entry.getKey()))
                .toList();
    }

    private static String listing(List<String> terms) {
        if (terms.isEmpty()) {
            return "nothing in particular";
        }
        if (terms.size() == 1) {
            return "\"" + terms.get(0) + "\"";
        }
        List<String> quoted = terms.stream().map(term -> "\"" + term + "\"").toList();
        return String.join(", ", quoted.subList(0, quoted.size() - 1)) + " and " + quoted.get(quoted.size() - 1);
    }

    /** The sentence, cut after a few words, ending with punctuation so that more text can follow it. */
    private static String shorten(String sentence) {
        String[] words = sentence.strip().split("\\s+");
        if (words.length > SUMMARY_SENTENCE_WORDS) {
            return Arrays.stream(words).limit(SUMMARY_SENTENCE_WORDS).collect(Collectors.joining(" ")) + " …";
        }
        return sentence.strip().matches(".*[.!?…]$") ? sentence.strip() : sentence.strip() + ".";
    }

    private static String quote(String text) {
        String oneLine = text.replaceAll("\\s+", " ");
        return "\"" + (oneLine.length() <= PREVIEW_CHARACTERS ? oneLine
                : oneLine.substring(0, PREVIEW_CHARACTERS - 1).strip() + "…") + "\"";
    }

    private static String plural(long count, String noun) {
        return count + " " + noun + (count == 1 ? "" : "s");
    }

    /** Exact decimal arithmetic with + - * / and parentheses, by recursive descent. */
    private static final class Calculator {
        private final String text;
        private int position;
        private boolean hasOperator;
        private boolean dividesByZero;
        private BigDecimal total;

        private Calculator(String text) {
            this.text = text;
        }

        /** The calculation when the text is a whole expression with an operator ("12*7", not "12" or "7)"). */
        static Optional<Calculator> calculate(String text) {
            Calculator calculator = new Calculator(text);
            try {
                calculator.total = calculator.all();
            } catch (IllegalArgumentException notAnExpression) {
                return Optional.empty();
            }
            return calculator.hasOperator ? Optional.of(calculator) : Optional.empty();
        }

        String result() {
            BigDecimal result = total.stripTrailingZeros();
            return (result.scale() < 0 ? result.setScale(0) : result).toPlainString();
        }

        private BigDecimal all() {
            BigDecimal value = sum();
            skipSpaces();
            if (position != text.length()) {
                throw new IllegalArgumentException("unexpected " + text.charAt(position));
            }
            return value;
        }

        private BigDecimal sum() {
            BigDecimal value = product();
            while (next('+') || next('-')) {
                char operator = text.charAt(position - 1);
                BigDecimal right = product();
                value = operator == '+' ? value.add(right) : value.subtract(right);
                hasOperator = true;
            }
            return value;
        }

        private BigDecimal product() {
            BigDecimal value = signed();
            while (next('*') || next('/')) {
                char operator = text.charAt(position - 1);
                BigDecimal right = signed();
                hasOperator = true;
                if (operator == '*') {
                    value = value.multiply(right);
                } else if (right.signum() == 0) {
                    // keep parsing: the rest must still be an expression for the answer to make sense
                    dividesByZero = true;
                } else {
                    value = value.divide(right, MathContext.DECIMAL64);
                }
            }
            return value;
        }

        private BigDecimal signed() {
            if (next('-')) {
                return signed().negate();
            }
            if (next('(')) {
                BigDecimal value = sum();
                if (!next(')')) {
                    throw new IllegalArgumentException("missing )");
                }
                return value;
            }
            skipSpaces();
            int start = position;
            while (position < text.length() && (Character.isDigit(text.charAt(position)) || text.charAt(position) == '.')) {
                position++;
            }
            try {
                return new BigDecimal(text.substring(start, position));
            } catch (NumberFormatException notANumber) {
                throw new IllegalArgumentException("not a number at " + start, notANumber);
            }
        }

        private boolean next(char expected) {
            skipSpaces();
            if (position < text.length() && text.charAt(position) == expected) {
                position++;
                return true;
            }
            return false;
        }

        private void skipSpaces() {
            while (position < text.length() && Character.isWhitespace(text.charAt(position))) {
                position++;
            }
        }
    }
}
