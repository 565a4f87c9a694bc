package org.ecslabs.app.quiz;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Measures that keep a bank honest: how alike two questions are, and how often the longest
 * option gives the answer away. Used by the build's bank report.
 */
final class BankBalance {
    private static final Pattern WORD = Pattern.compile("[a-z0-9]+");
    // Words every question uses: they would make any two questions look alike.
    private static final Set<String> STOP_WORDS = Set.of("a", "an", "the", "of", "to", "and", "or", "in", "on",
            "for", "is", "it", "its", "by", "with", "that", "this", "which", "what", "be", "are", "as", "at",
            "from", "can", "does", "do", "their", "they", "should", "most", "s");

    private BankBalance() {
    }

    /** Two questions and how alike they are (0 to 1). */
    record Pair(Question first, Question second, double similarity) {
        String describe() {
            return String.format(Locale.ROOT, "%.2f  %s %s  ~  %s %s", similarity, first.source(), first.id(),
                    second.source(), second.id());
        }
    }

    /** The distinct words of a question's stem and option texts, lower-case, without stop words. */
    static Set<String> words(Question question) {
        StringBuilder text = new StringBuilder(question.stem());
        question.options().forEach(option -> text.append(' ').append(option.text()));
        Set<String> words = new HashSet<>();
        Matcher matcher = WORD.matcher(text.toString().toLowerCase(Locale.ROOT));
        while (matcher.find()) {
            if (!STOP_WORDS.contains(matcher.group())) {
                words.add(matcher.group());
            }
        }
        return words;
    }

    /** The Jaccard similarity of the two questions' words: shared words over all their words. */
    static double similarity(Set<String> first, Set<String> second) {
        if (first.isEmpty() && second.isEmpty()) {
            return 1;
        }
        Set<String> shared = new HashSet<>(first);
        shared.retainAll(second);
        return (double) shared.size() / (first.size() + second.size() - shared.size());
    }

    /** Every pair at or above the threshold, most alike first. */
    static List<Pair> nearDuplicates(List<Question> questions, double threshold) {
        List<Set<String>> words = questions.stream().map(BankBalance::words).toList();
        List<Pair> pairs = new ArrayList<>();
        for (int i = 0; i < questions.size(); i++) {
            for (int j = i + 1; j < questions.size(); j++) {
                double similarity = similarity(words.get(i), words.get(j));
                if (similarity >= threshold) {
                    pairs.add(new Pair(questions.get(i), questions.get(j), similarity));
                }
            }
        }
        pairs.sort(Comparator.comparingDouble(Pair::similarity).reversed());
        return pairs;
    }

    /** Whether one option is strictly longer than every other and it is the right one. */
    static boolean longestIsRight(Question question) {
        List<Question.Option> options = question.options();
        int longest = options.stream().mapToInt(option -> option.text().length()).max().orElse(0);
        List<Question.Option> atLongest = options.stream().filter(option -> option.text().length() == longest).toList();
        return atLongest.size() == 1 && atLongest.get(0).correct();
    }

    /** Among single-answer questions, the percentage whose longest option is the right one. */
    static double longestIsRightPercent(List<Question> questions) {
        List<Question> single = questions.stream().filter(question -> !question.multipleAnswer()).toList();
        if (single.isEmpty()) {
            return 0;
        }
        return 100.0 * single.stream().filter(BankBalance::longestIsRight).count() / single.size();
    }
}
