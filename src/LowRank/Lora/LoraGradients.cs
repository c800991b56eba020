using MathNet.Numerics.LinearAlgebra;

namespace LowRank;

/// <summary>
/// The loss of a LoRA layer on one batch and its gradients with respect to the trainable factors B and A; W₀ has none
/// because it is frozen. Only <see cref="LoraStep"/> builds these, so every value is finite.
/// </summary>
/// <typeparam name="T">float or double.</typeparam>
internal sealed record LoraGradients<T>
    where T : struct, System.Numerics.IFloatingPointIeee754<T>
{
    internal LoraGradients(double loss, Matrix<T> gradB, Matrix<T> gradA)
    {
        Loss = loss;
        GradB = gradB;
        GradA = gradA;
    }

    /// <summary>L = mean over all d·n entries of (Ŷ − Y)², accumulated in double so a float batch loses no digits to the sum.</summary>
    public double Loss { get; }

    /// <summary>∂L/∂B = s·G·Aᵀ (d×r), with G = (2/(d·n))·(Ŷ − Y)·Xᵀ.</summary>
    public Matrix<T> GradB { get; }

    /// <summary>∂L/∂A = s·Bᵀ·G (r×k): exactly zero while B = 0, which is why A does not move in the first step.</summary>
    public Matrix<T> GradA { get; }
}
