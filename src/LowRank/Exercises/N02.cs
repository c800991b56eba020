namespace LowRank;

public static partial class Exercises
{
    /// <summary>The exercises of notebook 2, SVD and truncation.</summary>
    public static class N02
    {
        /// <summary>Exercise 1: ‖W3 − B₁A₁‖_F, the error of W3 (seed 1, inner size 3) truncated at rank 1, within 1e-4 relative.</summary>
        public static CheckResult ErrorOfW3AtRank1(double? answer) =>
            Check.Close("‖W3 − B₁A₁‖ (Frobenius)", answer, RankSweep.Of(W3())[0].Error, relativeTolerance: 1e-4);

        /// <summary>Exercise 2: the share of ‖W‖_F² that the rank-1 truncation of W keeps, within 1e-4 relative.</summary>
        public static CheckResult EnergyKeptAtRank1(double? answer) =>
            Check.Close("the energy kept at r = 1", answer, RankSweep.Of(W())[0].EnergyKept, relativeTolerance: 1e-4);
    }
}
