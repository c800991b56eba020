using MathNet.Numerics.LinearAlgebra;

namespace LowRank;

/// <summary>
/// W = U·diag(S)·Vᵀ through MathNet, computed on W scaled by a power of two so its largest entry is near 1.
/// MathNet's managed SVD fails to converge for double entries near 1e200 and returns wrong singular values near
/// 1e-200; scaling by 2^e is exact, so nothing is lost by doing it always.
/// </summary>
internal sealed record SingularValueDecomposition<T>(Matrix<T> U, Vector<T> S, Matrix<T> VT)
    where T : struct, System.Numerics.IFloatingPointIeee754<T>
{
    public static SingularValueDecomposition<T> Of(Matrix<T> w, bool computeVectors)
    {
        var largest = w.Enumerate().Select(T.Abs).Max();
        var exponent = largest == T.Zero ? 0 : T.ILogB(largest);
        var svd = w.Map(v => T.ScaleB(v, -exponent)).Svd(computeVectors);
        var s = svd.S.Map(v => T.ScaleB(v, exponent));
        return new SingularValueDecomposition<T>(svd.U, s, svd.VT);
    }
}
