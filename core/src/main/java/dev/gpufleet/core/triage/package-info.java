/// GPU triage: NVIDIA's XIDs decoded, their history, the evidence a GPU or node gives, and a
/// verdict with the action to take. The heatmap's health colours come from the same rules.
@NullMarked
package dev.gpufleet.core.triage;

import org.jspecify.annotations.NullMarked;
