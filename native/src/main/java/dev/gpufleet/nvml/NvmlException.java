package dev.gpufleet.nvml;

/// An NVML call that did not return `NVML_SUCCESS`: which function, which code, and NVML's own
/// text for it when the library could give one.
public final class NvmlException extends Exception {

    private static final long serialVersionUID = 1L;

    private final String function;
    private final int code;

    public NvmlException(String function, int code, String description) {
        super(function + " failed: " + NvmlReturn.of(code).headerName()
                + (NvmlReturn.of(code) == NvmlReturn.UNRECOGNIZED ? " (" + code + ")" : "")
                + (description.isBlank() ? "" : " (" + description + ")"));
        this.function = function;
        this.code = code;
    }

    public String function() {
        return function;
    }

    public int code() {
        return code;
    }

    public NvmlReturn status() {
        return NvmlReturn.of(code);
    }
}
