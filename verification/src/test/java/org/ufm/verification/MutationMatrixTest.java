package org.ufm.verification;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Runs every property against every deliberately broken model of {@link Mutants} (a few examples each, no
 * shrinking) and prints the table of which property catches which mutation. Asserts that every mutant is
 * caught by some property and that every property catches some mutant, i.e. no property is vacuous.
 */
class MutationMatrixTest {

    @Test
    void everyPropertyCatchesSomeMutantAndEveryMutantIsCaught() {
        List<ModelFactory> mutants = Mutants.all();
        Map<String, Map<Property, String>> table = new LinkedHashMap<>();
        for (ModelFactory mutant : mutants) {
            Map<Property, String> row = new EnumMap<>(Property.class);
            for (Property p : Property.values()) {
                try {
                    p.run(mutant, qt().withFixedSeed(Budget.SEED).withExamples(Budget.examples(4, 20)).withShrinkCycles(0));
                    row.put(p, ".");
                } catch (AssertionError | RuntimeException e) {
                    row.put(p, "X");
                }
            }
            table.put(mutant.name(), row);
        }
        StringBuilder sb = new StringBuilder("\nmutation x property (X = caught, . = passed)\n");
        sb.append(String.format("%-24s", "mutant \\ property"));
        for (Property p : Property.values()) {
            sb.append(String.format(" %2d", p.ordinal() + 1));
        }
        sb.append('\n');
        for (Map.Entry<String, Map<Property, String>> e : table.entrySet()) {
            sb.append(String.format("%-24s", e.getKey()));
            for (Property p : Property.values()) {
                sb.append(String.format(" %2s", e.getValue().get(p)));
            }
            sb.append('\n');
        }
        for (Property p : Property.values()) {
            sb.append(String.format("%2d %s: %s%n", p.ordinal() + 1, p.name(), p.description));
        }
        System.out.println(sb);
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, Map<Property, String>> e : table.entrySet()) {
            if (!e.getValue().containsValue("X")) {
                problems.add("mutant " + e.getKey() + " is caught by no property");
            }
        }
        for (Property p : Property.values()) {
            boolean caught = false;
            for (Map<Property, String> row : table.values()) {
                caught |= "X".equals(row.get(p));
            }
            if (!caught) {
                problems.add("property " + p + " catches no mutant");
            }
        }
        assertTrue(problems.isEmpty(), String.join("; ", problems) + sb);
    }
}
