package org.ecslabs.app.quiz;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.ecslabs.app.content.ExamDomain;

/**
 * Draws an exam from the bank by the blueprint's domain weights. The per-domain counts use the
 * largest-remainder method so that they add up to the question count exactly; a domain with too
 * few questions gives its places to the others. Exam-only and unanswered questions come first.
 */
public final class ExamDraw {
    private ExamDraw() {
    }

    /** How many questions each domain gets for {@code total} questions. */
    public static Map<ExamDomain, Integer> quota(Map<ExamDomain, Integer> weights, int total) {
        Map<ExamDomain, Integer> counts = new EnumMap<>(ExamDomain.class);
        List<Map.Entry<ExamDomain, Double>> remainders = new ArrayList<>();
        int assigned = 0;
        for (Map.Entry<ExamDomain, Integer> weight : weights.entrySet()) {
            double exact = total * weight.getValue() / 100.0;
            counts.put(weight.getKey(), (int) Math.floor(exact));
            assigned += (int) Math.floor(exact);
            remainders.add(Map.entry(weight.getKey(), exact - Math.floor(exact)));
        }
        remainders.sort(Map.Entry.<ExamDomain, Double>comparingByValue().reversed()
                .thenComparing(Map.Entry.comparingByKey()));
        for (int i = 0; assigned < total && i < remainders.size(); i++, assigned++) {
            counts.merge(remainders.get(i).getKey(), 1, Integer::sum);
        }
        return counts;
    }

    /** The ids of the drawn questions, shuffled. The same seed draws the same exam. */
    public static List<String> draw(QuestionBank bank, ExamBlueprint blueprint, long seed) {
        return draw(bank, blueprint, seed, Set.of());
    }

    /**
     * The ids of the drawn questions, shuffled; the same seed and history draw the same exam.
     * Within each domain the draw takes, in this order: exam-only questions the learner has never
     * answered, practice questions never answered, then the answered ones (exam-only first), so a
     * second attempt meets fresh questions as long as the exam-only pool lasts.
     *
     * @param answered the ids of the questions the learner has answered before, in any mode
     */
    public static List<String> draw(QuestionBank bank, ExamBlueprint blueprint, long seed, Set<String> answered) {
        Random random = new Random(seed);
        Map<ExamDomain, Integer> quota = quota(blueprint.weights(), blueprint.questions());
        List<String> drawn = new ArrayList<>();
        List<List<String>> spareByTier = new ArrayList<>();
        for (int tier = 0; tier < TIERS; tier++) {
            spareByTier.add(new ArrayList<>());
        }
        for (ExamDomain domain : ExamDomain.values()) {
            List<String> pool = new ArrayList<>();
            for (int tier = 0; tier < TIERS; tier++) {
                List<String> ids = new ArrayList<>(inTier(bank, domain, answered, tier));
                Collections.shuffle(ids, random);
                pool.addAll(ids);
            }
            int take = Math.min(quota.getOrDefault(domain, 0), pool.size());
            drawn.addAll(pool.subList(0, take));
            for (String id : pool.subList(take, pool.size())) {
                spareByTier.get(tier(bank, id, answered)).add(id);
            }
        }
        // A domain short of questions gives its places to the others, freshest questions first.
        for (List<String> spare : spareByTier) {
            spare.sort(Comparator.naturalOrder());
            Collections.shuffle(spare, random);
            for (int i = 0; drawn.size() < blueprint.questions() && i < spare.size(); i++) {
                drawn.add(spare.get(i));
            }
        }
        Collections.shuffle(drawn, random);
        return drawn;
    }

    private static final int TIERS = 4;

    private static int tier(QuestionBank bank, String id, Set<String> answered) {
        return (answered.contains(id) ? 2 : 0) + (bank.isExamOnly(id) ? 0 : 1);
    }

    private static List<String> inTier(QuestionBank bank, ExamDomain domain, Set<String> answered, int tier) {
        return bank.examCandidates(domain).stream().map(Question::id)
                .filter(id -> tier(bank, id, answered) == tier).sorted().toList();
    }

    /** A shuffled order of a question's options, so that "A" is not always right. */
    public static List<Integer> optionOrder(int optionCount, Random random) {
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < optionCount; i++) {
            order.add(i);
        }
        Collections.shuffle(order, random);
        return order;
    }
}
