package dev.gpufleet.views;

import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import org.testfx.util.WaitForAsyncUtils;

/// Small helpers for TestFX tests: read on the FX thread, wait for a condition (no sleeps).
public final class FxTesting {

    private FxTesting() {
    }

    /// Runs `callable` on the FX thread and returns its result.
    public static <T> T onFx(Callable<T> callable) {
        return WaitForAsyncUtils.waitFor(WaitForAsyncUtils.asyncFx(callable));
    }

    /// Waits up to ten seconds for `condition`, checked on the FX thread.
    public static void await(String what, BooleanSupplier condition) {
        try {
            WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> onFx(condition::getAsBoolean));
        } catch (TimeoutException timeout) {
            throw new AssertionError("timed out waiting until " + what, timeout);
        }
    }
}
