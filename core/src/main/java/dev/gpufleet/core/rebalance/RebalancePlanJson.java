package dev.gpufleet.core.rebalance;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;

/// A [RebalancePlan] as JSON: `goal`, `maxMoves`, `moveLimitReached`, `moves[]` (`{step, pod,
/// owner, gpus, from, to, reason, makesRoomFor, risk: {level, priority, budgets[], notes[]}}`),
/// `leftBehind[]` (`{pod, node, reason}`), `effect` (`{nodesFreed[], pendingThatFit[], gpusFreed,
/// strandedBefore, strandedAfter, strandedGpuHoursRecoveredPerDay}`) and `budgets` (evictions
/// per `namespace/name`).
public final class RebalancePlanJson {

    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private RebalancePlanJson() {
    }

    public static void write(RebalancePlan plan, PrintWriter out) {
        try {
            out.println(MAPPER.writeValueAsString(tree(plan)));
            out.flush();
        } catch (JacksonException e) {
            throw new IllegalStateException("the rebalance plan could not be written as JSON", e);
        }
    }

    static ObjectNode tree(RebalancePlan plan) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("goal", plan.options().goal().toString());
        root.put("maxMoves", plan.options().maxMoves());
        root.put("moveLimitReached", plan.moveLimitReached());
        var moves = root.putArray("moves");
        for (Move move : plan.moves()) {
            ObjectNode node = moves.addObject();
            node.put("step", move.step());
            node.put("pod", move.pod().qualifiedName());
            node.put("owner", move.pod().owner() == null ? null
                    : move.pod().owner().kind() + "/" + move.pod().owner().name());
            node.put("gpus", move.gpus());
            node.put("from", move.from());
            node.put("to", move.to());
            node.put("reason", move.reason());
            node.put("makesRoomFor", move.makesRoomFor());
            ObjectNode risk = node.putObject("risk");
            risk.put("level", move.risk().level().name().toLowerCase(java.util.Locale.ROOT));
            risk.put("priority", move.risk().priority());
            move.risk().budgetsConsumed().forEach(risk.putArray("budgets")::add);
            move.risk().notes().forEach(risk.putArray("notes")::add);
        }
        var left = root.putArray("leftBehind");
        for (LeftBehind pod : plan.leftBehind()) {
            left.addObject().put("pod", pod.pod().qualifiedName()).put("node", pod.node()).put("reason", pod.reason());
        }
        Effect effect = plan.effect();
        ObjectNode fx = root.putObject("effect");
        effect.nodesFreed().forEach(fx.putArray("nodesFreed")::add);
        effect.pendingThatFit().forEach(fx.putArray("pendingThatFit")::add);
        fx.put("gpusFreed", effect.gpusFreed());
        fx.put("strandedBefore", effect.strandedBefore());
        fx.put("strandedAfter", effect.strandedAfter());
        fx.put("strandedGpuHoursRecoveredPerDay", effect.strandedGpuHoursRecoveredPerDay());
        ObjectNode budgets = root.putObject("budgets");
        plan.budgetConsumption().forEach(budgets::put);
        return root;
    }
}
