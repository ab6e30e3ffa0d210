package dev.gpufleet.connectors.exposition;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ByteTableTest {

    private static final byte[] TEXT = "xxabcdefghijklmnopqrstuvwxyzyy".getBytes(StandardCharsets.US_ASCII);

    @Test
    void findsARangeByContentWhereverItSits() {
        ByteTable<String> table = new ByteTable<>(10, 1000);
        byte[] elsewhere = "abcdefghijklmnopqrstuvwxyz".getBytes(StandardCharsets.US_ASCII);

        assertThat(table.put(TEXT, 2, 28, ByteTable.hash(TEXT, 2, 28), "alphabet")).isTrue();

        assertThat(table.get(elsewhere, 0, 26, ByteTable.hash(elsewhere, 0, 26))).isEqualTo("alphabet");
        assertThat(table.get(TEXT, 2, 27, ByteTable.hash(TEXT, 2, 27))).isNull();
    }

    @Test
    void refusesEntriesPastItsLimitsUntilCleared() {
        ByteTable<Integer> table = new ByteTable<>(2, 1000);
        for (int i = 0; i < 2; i++) {
            assertThat(table.put(TEXT, i, i + 5, ByteTable.hash(TEXT, i, i + 5), i)).isTrue();
        }

        assertThat(table.put(TEXT, 9, 14, ByteTable.hash(TEXT, 9, 14), 9)).isFalse();
        assertThat(table.isFull()).isTrue();
        table.clear();
        assertThat(table.size()).isZero();

        ByteTable<Integer> small = new ByteTable<>(100, 8);
        assertThat(small.put(TEXT, 0, 20, ByteTable.hash(TEXT, 0, 20), 1)).isFalse();
    }

    @Test
    void growsPastItsFirstCapacity() {
        ByteTable<Integer> table = new ByteTable<>(100_000, 10_000_000);
        for (int i = 0; i < 5000; i++) {
            byte[] key = ("key-" + i).getBytes(StandardCharsets.US_ASCII);
            table.put(key, 0, key.length, ByteTable.hash(key, 0, key.length), i);
        }
        byte[] probe = "key-4321".getBytes(StandardCharsets.US_ASCII);

        assertThat(table.get(probe, 0, probe.length, ByteTable.hash(probe, 0, probe.length))).isEqualTo(4321);
        assertThat(table.size()).isEqualTo(5000);
    }
}
