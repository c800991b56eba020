namespace LowRank;

/// <summary>
/// Which of PyTorch's CPU kernels <see cref="TorchGenerator"/> reproduces for <c>torch.randn</c> of 16 or more float32
/// elements and for uniforms scaled to an interval other than [0, 1), as <see cref="TorchInit"/> draws them. The names
/// are PyTorch's values of the <c>ATEN_CPU_CAPABILITY</c> environment variable.
/// </summary>
/// <remarks>
/// Fewer than 16 normals take the same path under every capability, so only larger tensors differ; <c>torch.rand</c>
/// is the same under both. An x86-64 PyTorch picks AVX2 by itself when the CPU has it;
/// <c>ATEN_CPU_CAPABILITY=default</c> forces the portable kernel.
/// </remarks>
public enum CpuCapability
{
    /// <summary>
    /// PyTorch's portable kernel (<c>normal_fill_16</c>), whose float <c>log</c>, <c>cos</c> and <c>sin</c> come from the
    /// C math library; <c>torch.__config__.show()</c> reports it as "CPU capability usage: NO AVX".
    /// </summary>
    Default,

    /// <summary>
    /// PyTorch's AVX2 kernel (<c>normal_fill_16_AVX2</c>), whose <c>log</c> and <c>sincos</c> are Cephes polynomials
    /// evaluated 8 lanes at a time with fused multiply-adds, and whose <c>uniform_</c> fuses x·(to − from) + from; what
    /// x86-64 PyTorch runs by default on a CPU with AVX2.
    /// </summary>
    Avx2,
}
