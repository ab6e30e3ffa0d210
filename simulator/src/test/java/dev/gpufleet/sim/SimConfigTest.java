package dev.gpufleet.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SimConfigTest {

    @Test
    void defaultsAreTheDemoFleet() {
        SimConfig config = SimConfig.defaults();

        assertThat(config).isEqualTo(new SimConfig(64, 8, 42, 0, "127.0.0.1"));
        assertThat(config.withNodes(12_500).withGpusPerNode(4).withSeed(7).withPort(8443))
                .isEqualTo(new SimConfig(12_500, 4, 7, 8443, "127.0.0.1"));
    }

    @Test
    void rejectsNonsenseWithMessagesThatNameTheSetting() {
        assertThatThrownBy(() -> SimConfig.defaults().withNodes(0))
                .hasMessage("nodes must be between 1 and 20000, got 0");
        assertThatThrownBy(() -> SimConfig.defaults().withNodes(20_001))
                .hasMessage("nodes must be between 1 and 20000, got 20001");
        assertThatThrownBy(() -> SimConfig.defaults().withGpusPerNode(17))
                .hasMessage("gpus per node must be between 1 and 16, got 17");
        assertThatThrownBy(() -> SimConfig.defaults().withPort(70_000))
                .hasMessage("port must be between 0 (any free port) and 65535, got 70000");
        assertThatThrownBy(() -> SimConfig.defaults().withBindAddress("localhost"))
                .hasMessage("bind address must be a numeric IP address such as 127.0.0.1, got 'localhost'");
        assertThatThrownBy(() -> SimConfig.defaults().withBindAddress("300.1.1.1"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void podsDefaultToTheFleetsOwnMixAndAreBounded() {
        assertThat(SimConfig.defaults().pods()).isZero();
        assertThat(SimConfig.defaults().withPods(200_000).pods()).isEqualTo(200_000);
        assertThatThrownBy(() -> SimConfig.defaults().withPods(-1))
                .hasMessage("pods must be between 0 (the fleet's own mix) and 1000000, got -1");
    }

    @Test
    void amdNodesDefaultToNoneAndAreCheckedLikeTheRest() {
        assertThat(SimConfig.defaults().amdNodes()).isZero();
        SimConfig mixed = SimConfig.defaults().withAmdNodes(4).withNodes(8).withSeed(7);
        assertThat(mixed).isEqualTo(new SimConfig(8, 8, 7, 0, "127.0.0.1", 4));
        assertThat(mixed.totalNodes()).isEqualTo(12);
        assertThatThrownBy(() -> SimConfig.defaults().withAmdNodes(-1))
                .hasMessage("AMD nodes must be between 0 and 19936 (at most 20000 nodes in all), got -1");
        assertThatThrownBy(() -> SimConfig.defaults().withNodes(20_000).withAmdNodes(1))
                .hasMessage("AMD nodes must be between 0 and 0 (at most 20000 nodes in all), got 1");
    }

    @Test
    void acceptsIpv6Loopback() {
        assertThat(SimConfig.defaults().withBindAddress("::1").bindAddress()).isEqualTo("::1");
    }
}
