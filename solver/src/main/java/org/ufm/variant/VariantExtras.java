package org.ufm.variant;

/**
 * The diagnostics a variant adds to a report beyond the certificates and NC metrics.
 *
 * @param margins               the ULPM margins, or null
 * @param strongCollapseApplies whether the variant reports strong-collapse distances (Mixon's model)
 * @param strongCollapse        the distances, or null (not applicable, or imbalanced classes)
 */
public record VariantExtras(UlpmMargins margins, boolean strongCollapseApplies, StrongCollapseDistances strongCollapse) {

    /** No extras. */
    public static final VariantExtras NONE = new VariantExtras(null, false, null);
}
