package dev.gpufleet.sim.table;

/// The Table printer for each served resource; resources without their own get `NAME` and
/// `CREATED AT`, as the API server's default table convertor gives them.
public final class Printers {

    private Printers() {
    }

    public static TablePrinter forResource(String plural) {
        return switch (plural) {
            case "nodes" -> CorePrinters.NODES;
            case "pods" -> CorePrinters.PODS;
            case "namespaces" -> CorePrinters.NAMESPACES;
            case "events" -> CorePrinters.EVENTS;
            case "deployments" -> WorkloadPrinters.DEPLOYMENTS;
            case "replicasets" -> WorkloadPrinters.REPLICASETS;
            case "statefulsets" -> WorkloadPrinters.STATEFULSETS;
            case "daemonsets" -> WorkloadPrinters.DAEMONSETS;
            case "jobs" -> WorkloadPrinters.JOBS;
            case "poddisruptionbudgets" -> WorkloadPrinters.PDBS;
            case "leases" -> WorkloadPrinters.LEASES;
            default -> WorkloadPrinters.DEFAULT;
        };
    }
}
