package dev.gpufleet.core.triage;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class XidCatalogTest {

    @ParameterizedTest
    @ValueSource(ints = {13, 31, 32, 38, 43, 45, 48, 61, 62, 63, 64, 68, 69, 74, 79, 92, 94, 95, 109, 119, 120,
        121, 140, 143, 154})
    void theCodesOperatorsMeetAreExplained(int code) {
        XidInfo info = XidCatalog.lookup(code).orElseThrow();
        assertThat(info.code()).isEqualTo(code);
        assertThat(info.name()).isNotBlank();
        assertThat(info.meaning()).hasSizeGreaterThan(30);
        assertThat(XidCatalog.describe(code)).startsWith("XID " + code + " — ").contains(info.name());
    }

    @ParameterizedTest
    @CsvSource({
        "13, WATCH, WATCH",
        "31, WATCH, WATCH",
        "43, WATCH, WATCH",
        "48, FAILING, RESET",
        "79, FAILING, DRAIN",
        "94, FAILING, RESET",
        "95, FAILING, RESET",
        "63, DEGRADED, RESET",
        "92, DEGRADED, RESET",
        "119, FAILING, RESET",
    })
    void severityAndActionFollowNvidiasBuckets(int code, Verdict severity, Action action) {
        XidInfo info = XidCatalog.lookup(code).orElseThrow();
        assertThat(info.severity()).isEqualTo(severity);
        assertThat(info.action()).isEqualTo(action);
    }

    @Test
    void anUnknownCodeIsShownRawAndNeverGuessed() {
        assertThat(XidCatalog.lookup(999)).isEmpty();
        assertThat(XidCatalog.lookup(0)).isEmpty();
        assertThat(XidCatalog.describe(999)).isEqualTo("XID 999 (not in gpufleet's catalog)");
        assertThat(XidCatalog.severity(999)).isEqualTo(Verdict.WATCH);
        assertThat(XidCatalog.action(999)).isEqualTo(Action.WATCH);
    }

    @Test
    void recurringHardwareXidsAskForReplacementButApplicationOnesDoNot() {
        assertThat(XidCatalog.recurringAction(48)).isEqualTo(Action.REPLACE);
        assertThat(XidCatalog.recurringAction(13)).isEqualTo(Action.WATCH);
    }
}
