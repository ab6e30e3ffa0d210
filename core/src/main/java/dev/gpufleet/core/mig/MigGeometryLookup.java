package dev.gpufleet.core.mig;

/// The MIG geometry of a product, or an explicit "unknown" with the reason: gpufleet never
/// guesses a card's slices.
public sealed interface MigGeometryLookup {

    record Found(MigGeometry geometry) implements MigGeometryLookup {
    }

    record Unknown(String reason) implements MigGeometryLookup {
    }
}
