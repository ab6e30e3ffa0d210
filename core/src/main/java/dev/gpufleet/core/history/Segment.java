package dev.gpufleet.core.history;

import dev.gpufleet.core.metrics.Metric;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;

/// One archived hour of one cluster's history: the GPU keys and, GPU after GPU and metric
/// after metric, the stored cells of ticks `firstTick .. firstTick + tickCount - 1` exactly
/// as they are in memory (quantized codes, float or double bits; big-endian).
///
/// On disk: magic `GFH1`, format version (u16), resolution in seconds, first tick, tick
/// count, cluster name, metrics (name, cell width, step), GPU keys (node, gpu), the cells,
/// and a CRC32 of everything before it.
record Segment(String cluster, int resolutionSeconds, long firstTick, int tickCount,
               List<Metric> metrics, List<GpuKey> keys, byte[] cells) {

    static final int MAGIC = 0x47464831;
    static final int VERSION = 1;
    /// Magic, version, and a CRC: the least a segment file can be.
    static final int MIN_BYTES = 4 + 2 + 4;

    /// Bytes of one GPU's cells: every metric's ticks.
    static int rowBytes(List<Metric> metrics, int tickCount) {
        int bytes = 0;
        for (Metric metric : metrics) {
            bytes += Encoding.of(metric).width().bytes() * tickCount;
        }
        return bytes;
    }

    byte[] encode() {
        byte[] name = utf8(cluster);
        int size = 4 + 2 + 4 + 8 + 4 + 4 + name.length + 2 + 4 + 4 + cells.length + 4;
        for (Metric metric : metrics) {
            size += 4 + utf8(metric.name()).length + 1 + 8;
        }
        for (GpuKey key : keys) {
            size += 8 + utf8(key.node()).length + utf8(key.gpu()).length;
        }
        ByteBuffer out = ByteBuffer.allocate(size);
        out.putInt(MAGIC).putShort((short) VERSION).putInt(resolutionSeconds).putLong(firstTick).putInt(tickCount);
        putString(out, name);
        out.putShort((short) metrics.size());
        for (Metric metric : metrics) {
            Encoding encoding = Encoding.of(metric);
            putString(out, utf8(metric.name()));
            out.put((byte) encoding.width().ordinal()).putDouble(encoding.step());
        }
        out.putInt(keys.size());
        for (GpuKey key : keys) {
            putString(out, utf8(key.node()));
            putString(out, utf8(key.gpu()));
        }
        out.putInt(cells.length).put(cells);
        out.putInt((int) crc(out.array(), out.position()));
        return out.array();
    }

    /// Reads a segment file's bytes, checking everything that could make it garbage.
    ///
    /// @throws Invalid with a message for people when the file cannot be used as it is
    static Segment decode(byte[] file) throws Invalid {
        if (file.length < MIN_BYTES) {
            throw new Invalid("truncated: only " + file.length + " bytes");
        }
        ByteBuffer in = ByteBuffer.wrap(file);
        if (in.getInt() != MAGIC) {
            throw new Invalid("not a gpufleet history segment (unknown magic number)");
        }
        int version = Short.toUnsignedInt(in.getShort());
        if (version > VERSION) {
            throw new Invalid("written by a newer gpufleet (format " + version + "; this version reads format "
                    + VERSION + "): update gpufleet to read it");
        }
        int stored = ByteBuffer.wrap(file, file.length - 4, 4).getInt();
        if (stored != (int) crc(file, file.length - 4)) {
            throw new Invalid("damaged or truncated (checksum mismatch)");
        }
        try {
            return body(in);
        } catch (BufferUnderflowException | IllegalArgumentException | NegativeArraySizeException malformed) {
            throw new Invalid("malformed although its checksum matches: " + malformed);
        }
    }

    private static Segment body(ByteBuffer in) throws Invalid {
        int resolution = in.getInt();
        long firstTick = in.getLong();
        int tickCount = in.getInt();
        String cluster = getString(in);
        int metricCount = in.getShort();
        List<Metric> metrics = new ArrayList<>(metricCount);
        for (int i = 0; i < metricCount; i++) {
            String name = getString(in);
            Encoding stored = new Encoding(Encoding.Width.values()[in.get()], in.getDouble());
            Metric metric = Metric.valueOf(name);
            if (!stored.equals(Encoding.of(metric))) {
                throw new Invalid("stores " + name + " as " + stored + ", this version as " + Encoding.of(metric));
            }
            metrics.add(metric);
        }
        int gpuCount = in.getInt();
        List<GpuKey> keys = new ArrayList<>(Math.min(gpuCount, in.remaining() / 8));
        for (int i = 0; i < gpuCount; i++) {
            keys.add(new GpuKey(cluster, getString(in), getString(in)));
        }
        byte[] cells = new byte[in.getInt()];
        in.get(cells);
        if (tickCount < 0 || (long) gpuCount * rowBytes(metrics, tickCount) != cells.length) {
            throw new Invalid("malformed: " + cells.length + " bytes of cells for " + gpuCount + " GPUs × "
                    + tickCount + " ticks");
        }
        return new Segment(cluster, resolution, firstTick, tickCount, metrics, keys, cells);
    }

    private static long crc(byte[] bytes, int length) {
        CRC32 crc = new CRC32();
        crc.update(bytes, 0, length);
        return crc.getValue();
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static void putString(ByteBuffer out, byte[] utf8) {
        out.putInt(utf8.length).put(utf8);
    }

    private static String getString(ByteBuffer in) {
        byte[] bytes = new byte[in.getInt()];
        in.get(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    /// Why a segment file cannot be loaded.
    static final class Invalid extends Exception {
        Invalid(String message) {
            super(message, null, false, false);
        }
    }
}
