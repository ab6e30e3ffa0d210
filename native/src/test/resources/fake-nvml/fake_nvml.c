/* A stand-in for libnvidia-ml with two GPUs, for tests on machines without NVIDIA hardware.
 * GPU 0 is an ordinary card with two NVLinks; GPU 1 has MIG enabled with one 1g instance.
 * Only the entry points gpufleet calls exist; the binding must treat the rest as missing.
 * Struct declarations repeat nvml.h's layouts so a mismatch with the Java layouts shows. */
#include <string.h>
#include <stdint.h>

typedef int nvmlReturn_t;
typedef struct fake_device { int index; int mig; } *nvmlDevice_t;
typedef struct fake_gi { int id; } *nvmlGpuInstance_t;
typedef struct fake_set { int pending; } *nvmlEventSet_t;

typedef struct { char busIdLegacy[16]; unsigned int domain, bus, device, pciDeviceId, pciSubSystemId; char busId[32]; } nvmlPciInfo_t;
typedef struct { unsigned int version; unsigned long long total, reserved, free, used; } nvmlMemory_v2_t;
typedef struct { unsigned int gpu, memory; } nvmlUtilization_t;
typedef struct { unsigned int start, size; } nvmlGpuInstancePlacement_t;
typedef struct { unsigned int id, isP2pSupported, sliceCount, instanceCount, multiprocessorCount, copyEngineCount,
                 decoderCount, encoderCount, jpegCount, ofaCount; unsigned long long memorySizeMB; } nvmlGpuInstanceProfileInfo_t;
typedef struct { unsigned int version, id, isP2pSupported, sliceCount, instanceCount, multiprocessorCount, copyEngineCount,
                 decoderCount, encoderCount, jpegCount, ofaCount; unsigned long long memorySizeMB; char name[96]; } nvmlGpuInstanceProfileInfo_v2_t;
typedef struct { nvmlDevice_t device; unsigned int id, profileId; nvmlGpuInstancePlacement_t placement; } nvmlGpuInstanceInfo_t;
typedef struct { nvmlDevice_t device; unsigned long long eventType, eventData; unsigned int gpuInstanceId, computeInstanceId; } nvmlEventData_t;

static struct fake_device gpus[2] = {{0, 0}, {1, 0}};
static struct fake_device mig_device = {10, 1};
static struct fake_gi gi = {3};
static struct fake_set events = {0};
static int initialised;

nvmlReturn_t nvmlInit_v2(void) { initialised = 1; return 0; }
nvmlReturn_t nvmlShutdown(void) { initialised = 0; return 0; }
const char *nvmlErrorString(nvmlReturn_t r) { return r == 3 ? "Not Supported" : r == 10 ? "Timeout" : "Fake Error"; }
int fake_initialised(void) { return initialised; }

static nvmlReturn_t text(char *out, unsigned int length, const char *value) {
    if (strlen(value) + 1 > length) return 7;
    strcpy(out, value);
    return 0;
}
nvmlReturn_t nvmlSystemGetDriverVersion(char *v, unsigned int n) { return text(v, n, "570.86.15"); }
nvmlReturn_t nvmlSystemGetNVMLVersion(char *v, unsigned int n) { return text(v, n, "12.570.86.15"); }
nvmlReturn_t nvmlDeviceGetCount_v2(unsigned int *count) { *count = 2; return 0; }
nvmlReturn_t nvmlDeviceGetHandleByIndex_v2(unsigned int i, nvmlDevice_t *d) { if (i > 1) return 2; *d = &gpus[i]; return 0; }
nvmlReturn_t nvmlDeviceGetName(nvmlDevice_t d, char *v, unsigned int n) {
    return text(v, n, d->mig ? "NVIDIA H200 MIG 1g.18gb" : "NVIDIA H200");
}
nvmlReturn_t nvmlDeviceGetUUID(nvmlDevice_t d, char *v, unsigned int n) {
    return text(v, n, d->mig ? "MIG-5c89852c-d268-5d7b-a1a5-bb5c1c1b1c11" : d->index ? "GPU-11111111-2222-3333-4444-555555555555"
                                                                          : "GPU-aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee");
}
nvmlReturn_t nvmlDeviceGetPciInfo_v3(nvmlDevice_t d, nvmlPciInfo_t *p) {
    memset(p, 0, sizeof *p);
    p->bus = 0x18 + d->index; p->pciDeviceId = 0x233510DE; p->pciSubSystemId = 0x18A610DE;
    strcpy(p->busId, d->index ? "00000000:19:00.0" : "00000000:18:00.0");
    return 0;
}
nvmlReturn_t nvmlDeviceGetMemoryInfo_v2(nvmlDevice_t d, nvmlMemory_v2_t *m) {
    if (m->version != (sizeof(nvmlMemory_v2_t) | 2u << 24)) return 25;
    unsigned long long mib = 1024ull * 1024ull;
    m->total = (d->mig ? 16384 : 143771) * mib; m->reserved = (d->mig ? 0 : 582) * mib;
    /* As driver 580 reports it on an H200: total = used + free + reserved. */
    m->used = (d->mig ? 13 : 1082) * mib; m->free = m->total - m->used - m->reserved;
    return 0;
}
nvmlReturn_t nvmlDeviceGetUtilizationRates(nvmlDevice_t d, nvmlUtilization_t *u) { u->gpu = 87; u->memory = 35; return 0; }
nvmlReturn_t nvmlDeviceGetPowerUsage(nvmlDevice_t d, unsigned int *mw) { *mw = 412345; return 0; }
nvmlReturn_t nvmlDeviceGetEnforcedPowerLimit(nvmlDevice_t d, unsigned int *mw) { *mw = 700000; return 0; }
nvmlReturn_t nvmlDeviceGetTotalEnergyConsumption(nvmlDevice_t d, unsigned long long *mj) { *mj = 123456789012ull; return 0; }
nvmlReturn_t nvmlDeviceGetTemperature(nvmlDevice_t d, int sensor, unsigned int *t) { if (sensor != 0) return 2; *t = 41; return 0; }
nvmlReturn_t nvmlDeviceGetClockInfo(nvmlDevice_t d, int type, unsigned int *mhz) {
    static const unsigned int clocks[] = {1980, 1980, 3201};
    if (type < 0 || type > 2) return 2;
    *mhz = clocks[type];
    return 0;
}
nvmlReturn_t nvmlDeviceGetTotalEccErrors(nvmlDevice_t d, int error, int counter, unsigned long long *n) {
    if (d->index == 1) return 4; /* no permission: must surface as a problem, not vanish */
    *n = error == 0 ? (counter == 0 ? 2 : 17) : 0;
    return 0;
}
nvmlReturn_t nvmlDeviceGetMigMode(nvmlDevice_t d, unsigned int *current, unsigned int *pending) {
    *current = *pending = d->index == 1;
    return 0;
}
nvmlReturn_t nvmlDeviceGetMaxMigDeviceCount(nvmlDevice_t d, unsigned int *n) { *n = 7; return 0; }
nvmlReturn_t nvmlDeviceGetMigDeviceHandleByIndex(nvmlDevice_t d, unsigned int i, nvmlDevice_t *mig) {
    if (i != 0) return 6;
    *mig = &mig_device;
    return 0;
}
nvmlReturn_t nvmlDeviceGetGpuInstanceId(nvmlDevice_t d, unsigned int *id) { *id = 3; return 0; }
nvmlReturn_t nvmlDeviceGetComputeInstanceId(nvmlDevice_t d, unsigned int *id) { *id = 0; return 0; }
/* Profile index 0 (one slice) is profile id 19 on an H200, index 4 (seven slices) id 0. */
nvmlReturn_t nvmlDeviceGetGpuInstanceProfileInfoV(nvmlDevice_t d, unsigned int profile, nvmlGpuInstanceProfileInfo_v2_t *info) {
    (void) d;
    if (info->version != (sizeof(nvmlGpuInstanceProfileInfo_v2_t) | 2u << 24)) return 25;
    if (profile != 0 && profile != 4) return 3;
    memset(info, 0, sizeof *info);
    info->id = profile ? 0 : 19; info->sliceCount = profile ? 7 : 1; info->instanceCount = profile ? 1 : 7;
    info->multiprocessorCount = profile ? 132 : 16; info->memorySizeMB = profile ? 143360 : 16384;
    strcpy(info->name, profile ? "MIG 7g.141gb" : "MIG 1g.18gb");
    return 0;
}
nvmlReturn_t nvmlDeviceGetGpuInstances(nvmlDevice_t d, unsigned int profile, nvmlGpuInstance_t *out, unsigned int *count) {
    (void) d;
    if (profile == 19 && *count >= 1) { out[0] = &gi; *count = 1; } else { *count = 0; }
    return 0;
}
/* A one-slice profile fits at each of the seven memory slices. */
nvmlReturn_t nvmlDeviceGetGpuInstancePossiblePlacements_v2(nvmlDevice_t d, unsigned int profile,
                                                            nvmlGpuInstancePlacement_t *out, unsigned int *count) {
    (void) d;
    if (profile != 19) return 2;
    if (*count < 7) return 7;
    for (unsigned int i = 0; i < 7; i++) { out[i].start = i; out[i].size = 1; }
    *count = 7;
    return 0;
}
nvmlReturn_t nvmlGpuInstanceGetInfo(nvmlGpuInstance_t g, nvmlGpuInstanceInfo_t *info) {
    info->device = &gpus[1]; info->id = g->id; info->profileId = 19; info->placement.start = 6; info->placement.size = 1;
    return 0;
}
nvmlReturn_t nvmlDeviceGetNvLinkState(nvmlDevice_t d, unsigned int link, unsigned int *active) {
    if (d->index == 1) return 3;
    if (link > 1) return 2;
    *active = link == 0;
    return 0;
}
nvmlReturn_t nvmlDeviceGetNvLinkRemotePciInfo_v2(nvmlDevice_t d, unsigned int link, nvmlPciInfo_t *p) {
    memset(p, 0, sizeof *p);
    strcpy(p->busId, "00000000:19:00.0");
    return 0;
}
nvmlReturn_t nvmlDeviceGetTopologyCommonAncestor(nvmlDevice_t a, nvmlDevice_t b, int *level) { *level = 40; return 0; }
nvmlReturn_t nvmlEventSetCreate(nvmlEventSet_t *set) { events.pending = 1; *set = &events; return 0; }
nvmlReturn_t nvmlDeviceRegisterEvents(nvmlDevice_t d, unsigned long long types, nvmlEventSet_t set) {
    return types == 0x8ull ? 0 : 2;
}
nvmlReturn_t nvmlEventSetWait_v2(nvmlEventSet_t set, nvmlEventData_t *data, unsigned int timeout) {
    if (!set->pending) return 10;
    set->pending = 0;
    data->device = &gpus[1]; data->eventType = 0x8; data->eventData = 79;
    data->gpuInstanceId = 0xFFFFFFFFu; data->computeInstanceId = 0xFFFFFFFFu;
    return 0;
}
nvmlReturn_t nvmlEventSetFree(nvmlEventSet_t set) { return 0; }
