package dev.gpufleet.sim.cluster;

/// What a [Churn] has done so far; `digest` folds every action, in order, into one number, so
/// two runs that did the same things have the same digest.
public record ChurnStats(long jobsCreated, long jobsDeleted, long podsDeleted, long nodesFailed, long nodesReturned,
        long cordoned, long uncordoned, long eventsPruned, long digest) {

    static final ChurnStats NONE = new ChurnStats(0, 0, 0, 0, 0, 0, 0, 0, 17);

    ChurnStats withJobCreated() {
        return new ChurnStats(jobsCreated + 1, jobsDeleted, podsDeleted, nodesFailed, nodesReturned,
                cordoned, uncordoned, eventsPruned, digest);
    }

    ChurnStats withJobDeleted() {
        return new ChurnStats(jobsCreated, jobsDeleted + 1, podsDeleted, nodesFailed, nodesReturned,
                cordoned, uncordoned, eventsPruned, digest);
    }

    ChurnStats withPodDeleted() {
        return new ChurnStats(jobsCreated, jobsDeleted, podsDeleted + 1, nodesFailed, nodesReturned,
                cordoned, uncordoned, eventsPruned, digest);
    }

    ChurnStats withNodeFailed() {
        return new ChurnStats(jobsCreated, jobsDeleted, podsDeleted, nodesFailed + 1, nodesReturned,
                cordoned, uncordoned, eventsPruned, digest);
    }

    ChurnStats withNodeReturned() {
        return new ChurnStats(jobsCreated, jobsDeleted, podsDeleted, nodesFailed, nodesReturned + 1,
                cordoned, uncordoned, eventsPruned, digest);
    }

    ChurnStats withCordoned() {
        return new ChurnStats(jobsCreated, jobsDeleted, podsDeleted, nodesFailed, nodesReturned,
                cordoned + 1, uncordoned, eventsPruned, digest);
    }

    ChurnStats withUncordoned() {
        return new ChurnStats(jobsCreated, jobsDeleted, podsDeleted, nodesFailed, nodesReturned,
                cordoned, uncordoned + 1, eventsPruned, digest);
    }

    ChurnStats withEventsPruned(int count) {
        return new ChurnStats(jobsCreated, jobsDeleted, podsDeleted, nodesFailed, nodesReturned,
                cordoned, uncordoned, eventsPruned + count, digest);
    }

    ChurnStats withAction(String action) {
        return new ChurnStats(jobsCreated, jobsDeleted, podsDeleted, nodesFailed, nodesReturned,
                cordoned, uncordoned, eventsPruned, digest * 31 + action.hashCode());
    }

    /// E.g. `jobs +120 -100, pods deleted 30, nodes failed 6 returned 5, cordons 7/6, events pruned 300`.
    @Override
    public String toString() {
        return "jobs +" + jobsCreated + " -" + jobsDeleted + ", pods deleted " + podsDeleted + ", nodes failed "
                + nodesFailed + " returned " + nodesReturned + ", cordons " + cordoned + "/" + uncordoned
                + ", events pruned " + eventsPruned;
    }
}
