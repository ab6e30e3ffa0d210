package dev.gpufleet.sim.fleet;

import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.SplittableRandom;
import org.jspecify.annotations.Nullable;

/// Invents plausible, unique workload names and ages, drawing from the planner's generator.
final class WorkloadNamer {

    private static final String[] TRAIN_MODELS = {"llama3-70b", "llama3-8b", "mixtral-8x22b", "qwen2-72b",
        "gpt-neox-20b", "falcon-40b", "t5-xxl", "vit-huge", "sdxl", "whisper-large", "deepseek-v2", "gemma2-27b"};
    private static final String[] TASKS = {"pretrain", "sft", "dpo", "eval", "lora", "distill"};
    private static final String[] SERVE_SMALL = {"llama3-8b", "mistral-7b", "qwen2-7b", "gemma2-9b", "phi3-medium",
        "sdxl-turbo", "whisper-large", "bge-m3"};
    private static final String[] SERVE_LARGE = {"llama3-70b", "mixtral-8x7b", "qwen2-72b", "codellama-34b",
        "command-r"};
    private static final String[] SERVE_MIG = {"embed-bge-large", "reranker-minilm", "whisper-small",
        "resnet50-classify", "ocr-trocr", "ner-bert-base", "clip-vit-b32"};
    private static final String[] USERS = {"alice", "bob", "carol", "dave", "erin", "frank", "grace", "heidi",
        "ivan", "judy", "mallory", "niaj", "olivia", "peggy", "rupert", "sybil", "trent", "victor", "walter",
        "yuki", "zoe", "amir", "bea", "chen", "dmitri", "esha", "farid", "gita", "hiro", "ines"};
    private static final long DAY = 86_400L;
    private static final String ROCM_PYTORCH = "rocm/pytorch:rocm6.3.1_ubuntu22.04_py3.10_pytorch_release_2.4.0";

    private final SplittableRandom rnd;
    private final Set<String> used = new HashSet<>();

    WorkloadNamer(SplittableRandom rnd) {
        this.rnd = rnd;
    }

    Workload trainingJob(int pods, int gpusPerPod) {
        String ns = rnd.nextDouble() < 0.7 ? "ml-training" : "ml-research";
        String base = pick(TRAIN_MODELS) + "-" + pick(TASKS) + "-" + String.format(Locale.ROOT, "%04d", rnd.nextInt(10_000));
        long age = 600 + (long) (rnd.nextDouble() * rnd.nextDouble() * 4 * DAY);
        return new Workload(0, WorkloadKind.TRAINING, ns, unique(ns, base), pods, gpusPerPod, null, false, age,
                "nvcr.io/nvidia/pytorch:24.08-py3", "pytorch");
    }

    Workload pendingTrainingJob(int gpusPerPod) {
        String base = "llama3-405b-pretrain-" + String.format(Locale.ROOT, "%04d", rnd.nextInt(10_000));
        return new Workload(0, WorkloadKind.TRAINING, "ml-training", unique("ml-training", base), 2, gpusPerPod,
                null, false, 300 + rnd.nextInt(2_400), "nvcr.io/nvidia/pytorch:24.08-py3", "pytorch");
    }

    Workload inference(GpuModel model, int gpusPerPod) {
        String servedModel = gpusPerPod > 1 ? pick(SERVE_LARGE) : pick(SERVE_SMALL);
        boolean triton = model == GpuModel.L40S && rnd.nextDouble() < 0.4;
        String base = (triton ? "triton-" : "vllm-") + servedModel;
        String image = triton ? "nvcr.io/nvidia/tritonserver:24.08-py3" : "vllm/vllm-openai:v0.6.3";
        return new Workload(0, WorkloadKind.INFERENCE, "inference", unique("inference", base), 2 + rnd.nextInt(7),
                gpusPerPod, null, false, DAY + (long) (rnd.nextDouble() * 60 * DAY), image,
                triton ? "triton" : "vllm");
    }

    Workload migInference(MigProfile profile, boolean singleStrategy) {
        String base = pick(SERVE_MIG) + "-" + profile.profileName().replace('.', '-');
        return new Workload(0, WorkloadKind.INFERENCE, "inference", unique("inference", base), 3 + rnd.nextInt(8),
                1, profile, singleStrategy, DAY + (long) (rnd.nextDouble() * 30 * DAY),
                "nvcr.io/nvidia/tritonserver:24.08-py3", "triton");
    }

    Workload notebook() {
        String base = "jupyter-" + pick(USERS);
        long age = 3_600 + (long) (rnd.nextDouble() * 30 * DAY);
        return new Workload(0, WorkloadKind.NOTEBOOK, "notebooks", unique("notebooks", base), 1, 1, null, false,
                age, "quay.io/jupyter/pytorch-notebook:cuda12-2024-10-14", "notebook");
    }

    /// A PyTorch job on ROCm over `pods` MI300X nodes (or part of one).
    Workload amdTrainingJob(int pods, int gpusPerPod) {
        Workload w = trainingJob(pods, gpusPerPod);
        return new Workload(0, w.kind(), w.namespace(), w.name(), pods, gpusPerPod, null, false, w.ageSeconds(),
                ROCM_PYTORCH, "pytorch", true);
    }

    /// vLLM on ROCm serving a model on `gpusPerPod` whole MI300X cards, or on one partition of a
    /// card in `partitionMode` (e.g. `cpx`).
    Workload amdInference(int gpusPerPod, @Nullable String partitionMode) {
        String servedModel = gpusPerPod > 1 ? pick(SERVE_LARGE) : pick(SERVE_SMALL);
        String base = "vllm-" + servedModel + "-" + (partitionMode == null ? "mi300x" : partitionMode);
        return new Workload(0, WorkloadKind.INFERENCE, "inference", unique("inference", base), 2 + rnd.nextInt(7),
                gpusPerPod, null, false, DAY + (long) (rnd.nextDouble() * 45 * DAY),
                "rocm/vllm:rocm6.3.1_instinct_vllm0.8.3_20250415", "vllm", true);
    }

    Workload amdNotebook() {
        Workload w = notebook();
        return new Workload(0, w.kind(), w.namespace(), w.name(), 1, 1, null, false, w.ageSeconds(), ROCM_PYTORCH,
                "notebook", true);
    }

    private String pick(String[] options) {
        return options[rnd.nextInt(options.length)];
    }

    private String unique(String namespace, String base) {
        String name = base;
        for (int n = 2; !used.add(namespace + "/" + name); n++) {
            name = base + "-" + n;
        }
        return name;
    }
}
