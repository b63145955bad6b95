package org.ufm.sweep;

import java.util.List;
import java.util.Set;

/** What a cell may set and how its options are checked: the solve's option names and its validation. */
public interface CellOptions {

    /** Options that take a value. */
    Set<String> valueOptions();

    /** Options that are switches (true or false in a spec). */
    Set<String> flagOptions();

    /** Why the sweep itself owns this key (a cell may not set it), or null when a cell may set it. */
    String ownedBySweep(String key);

    /** Throws an IllegalArgumentException with a one-line message for arguments a solve would refuse. */
    void validate(List<String> arguments);
}
