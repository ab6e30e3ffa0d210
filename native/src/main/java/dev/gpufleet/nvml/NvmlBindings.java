package dev.gpufleet.nvml;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/// Calls into a loaded NVML by function name.
///
/// Every NVML entry point returns `nvmlReturn_t` (a C `int`), so the descriptor of a call
/// follows from its Java arguments: a [MemorySegment] is a pointer or handle, an [Integer] an
/// `unsigned int` or enum, a [Long] an `unsigned long long`. Handles are made on first use and
/// kept; a function this NVML lacks fails with `NVML_ERROR_FUNCTION_NOT_FOUND`, like NVIDIA's
/// own loader does.
final class NvmlBindings {

    private static final int ERROR_TEXT_LIMIT = 256;

    private final SymbolLookup library;
    private final Linker linker = Linker.nativeLinker();
    private final ConcurrentMap<String, MethodHandle> handles = new ConcurrentHashMap<>();

    NvmlBindings(SymbolLookup library) {
        this.library = library;
    }

    boolean has(String function) {
        return library.find(function).isPresent();
    }

    /// Calls `function` and throws unless it returned `NVML_SUCCESS`.
    void call(String function, Object... args) throws NvmlException {
        int code = invoke(function, args);
        if (code != NvmlReturn.SUCCESS.code()) {
            throw new NvmlException(function, code, errorString(code));
        }
    }

    /// Calls `function(args..., unsigned int *out)` and returns `*out`.
    int intOut(String function, Object... args) throws NvmlException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment out = arena.allocate(JAVA_INT);
            call(function, append(args, out));
            return out.get(JAVA_INT, 0);
        }
    }

    /// Calls `function(args..., unsigned long long *out)` and returns `*out`.
    long longOut(String function, Object... args) throws NvmlException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment out = arena.allocate(JAVA_LONG);
            call(function, append(args, out));
            return out.get(JAVA_LONG, 0);
        }
    }

    /// Calls `function(args..., T *out)` for a handle type `T` and returns `*out`.
    MemorySegment handleOut(String function, Object... args) throws NvmlException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment out = arena.allocate(ADDRESS);
            call(function, append(args, out));
            return out.get(ADDRESS, 0);
        }
    }

    /// Calls `function(args..., char *buffer, unsigned int length)` and returns the text.
    String textOut(String function, Object... args) throws NvmlException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment buffer = arena.allocate(NvmlLayouts.TEXT_BUFFER);
            Object[] full = append(append(args, buffer), NvmlLayouts.TEXT_BUFFER);
            call(function, full);
            return NvmlLayouts.text(buffer, 0, NvmlLayouts.TEXT_BUFFER);
        }
    }

    /// NVML's own sentence for a return code, or nothing when the library cannot say.
    String errorString(int code) {
        Optional<MemorySegment> symbol = library.find("nvmlErrorString");
        if (symbol.isEmpty()) {
            return "";
        }
        try {
            MethodHandle handle = linker.downcallHandle(symbol.get(), FunctionDescriptor.of(ADDRESS, JAVA_INT));
            MemorySegment text = (MemorySegment) handle.invokeExact(code);
            return text.equals(MemorySegment.NULL) ? ""
                    : NvmlLayouts.text(text.reinterpret(ERROR_TEXT_LIMIT), 0, ERROR_TEXT_LIMIT);
        } catch (Throwable e) {
            return "";
        }
    }

    private int invoke(String function, Object... args) throws NvmlException {
        MethodHandle handle = handles.get(function);
        if (handle == null) {
            MemorySegment symbol = library.find(function).orElseThrow(() -> new NvmlException(function,
                    NvmlReturn.ERROR_FUNCTION_NOT_FOUND.code(), "this NVML does not export it; update the driver"));
            handle = linker.downcallHandle(symbol, descriptorFor(args));
            handles.putIfAbsent(function, handle);
        }
        try {
            return (int) handle.invokeWithArguments(args);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException("calling " + function, e);
        }
    }

    static FunctionDescriptor descriptorFor(Object... args) {
        MemoryLayout[] layouts = new MemoryLayout[args.length];
        for (int i = 0; i < args.length; i++) {
            layouts[i] = switch (args[i]) {
                case MemorySegment ignored -> ADDRESS;
                case Integer ignored -> JAVA_INT;
                case Long ignored -> JAVA_LONG;
                default -> throw new IllegalArgumentException("no C type for " + args[i].getClass());
            };
        }
        return FunctionDescriptor.of(JAVA_INT, layouts);
    }

    private static Object[] append(Object[] args, Object last) {
        Object[] all = Arrays.copyOf(args, args.length + 1);
        all[args.length] = last;
        return all;
    }
}
