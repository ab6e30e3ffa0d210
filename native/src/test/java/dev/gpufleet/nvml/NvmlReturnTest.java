package dev.gpufleet.nvml;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class NvmlReturnTest {

    @Test
    void codesMapToTheHeadersNames() {
        assertThat(NvmlReturn.of(0)).isEqualTo(NvmlReturn.SUCCESS);
        assertThat(NvmlReturn.of(3).headerName()).isEqualTo("NVML_ERROR_NOT_SUPPORTED");
        assertThat(NvmlReturn.of(9).headerName()).isEqualTo("NVML_ERROR_DRIVER_NOT_LOADED");
        assertThat(NvmlReturn.of(13).headerName()).isEqualTo("NVML_ERROR_FUNCTION_NOT_FOUND");
        assertThat(NvmlReturn.of(15).headerName()).isEqualTo("NVML_ERROR_GPU_IS_LOST");
        assertThat(NvmlReturn.of(25).headerName()).isEqualTo("NVML_ERROR_ARGUMENT_VERSION_MISMATCH");
        assertThat(NvmlReturn.of(999).headerName()).isEqualTo("NVML_ERROR_UNKNOWN");
    }

    @Test
    void everyCodeIsDistinctAndRoundTrips() {
        for (NvmlReturn value : NvmlReturn.values()) {
            if (value != NvmlReturn.UNRECOGNIZED) {
                assertThat(NvmlReturn.of(value.code())).isEqualTo(value);
            }
        }
    }

    @Test
    void anUnknownCodeKeepsItsNumberInTheMessage() {
        NvmlException failure = new NvmlException("nvmlDeviceGetFoo", 4242, "");

        assertThat(failure.status()).isEqualTo(NvmlReturn.UNRECOGNIZED);
        assertThat(NvmlReturn.of(-1)).isEqualTo(NvmlReturn.UNRECOGNIZED);
        assertThat(failure.getMessage()).isEqualTo("nvmlDeviceGetFoo failed: NVML_UNRECOGNIZED (4242)");
    }

    @Test
    void theMessageNamesFunctionCodeAndNvmlsOwnText() {
        NvmlException failure = new NvmlException("nvmlDeviceGetPowerUsage", 4, "Insufficient Permissions");

        assertThat(failure.getMessage())
                .isEqualTo("nvmlDeviceGetPowerUsage failed: NVML_ERROR_NO_PERMISSION (Insufficient Permissions)");
        assertThat(failure.function()).isEqualTo("nvmlDeviceGetPowerUsage");
        assertThat(failure.code()).isEqualTo(4);
    }

    @Test
    void onlyAbsenceCodesMeanNotOffered() {
        assertThat(NvmlReturn.ERROR_NOT_SUPPORTED.meansUnavailable()).isTrue();
        assertThat(NvmlReturn.ERROR_FUNCTION_NOT_FOUND.meansUnavailable()).isTrue();
        assertThat(NvmlReturn.ERROR_GPU_IS_LOST.meansUnavailable()).isFalse();
        assertThat(NvmlReturn.ERROR_NO_PERMISSION.meansUnavailable()).isFalse();
    }
}
