/// Multi-Instance GPU geometry: which compute and memory slices each MIG profile of a product
/// occupies, where NVIDIA lets it start, and a placement of a GPU's instances onto those
/// slices. Also the equal compute partitions of AMD Instinct cards, which the device view
/// draws the same way.
@NullMarked
package dev.gpufleet.core.mig;

import org.jspecify.annotations.NullMarked;
