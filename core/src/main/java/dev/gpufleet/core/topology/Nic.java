package dev.gpufleet.core.topology;

/// A network adapter in the matrix.
///
/// @param id     the column name `nvidia-smi` gives it (`NIC0`; older drivers print the device)
/// @param device the RDMA device the NIC legend maps it to (`mlx5_0`), or the id without legend
public record Nic(String id, String device) {
}
