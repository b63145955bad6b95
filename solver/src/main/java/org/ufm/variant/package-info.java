/**
 * One description per model variant (ce, mse, ulpm, mixon, sphere) and the registry that lists them: the
 * options a variant accepts with their defaults, how it builds its model and its default start, its closed
 * form (f* and a minimiser) where one exists, the layout of its symmetry generators, its strict saddle where
 * one is known, and its extra diagnostics. Everything outside this package that depends on which variant a
 * model is asks {@link org.ufm.variant.Variants}; nothing else compares model names or model classes.
 */
package org.ufm.variant;
