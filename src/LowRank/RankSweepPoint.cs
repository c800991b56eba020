namespace LowRank;

/// <summary>How well the best rank-r approximation B_r·A_r stands in for W, at one rank r of a <see cref="RankSweep"/>.</summary>
/// <param name="Rank">The rank r.</param>
/// <param name="Error">Measured ‖W − B_r·A_r‖_F.</param>
/// <param name="EckartYoung">The Eckart–Young prediction √(Σ_{i&gt;r} σ_i²) for <see cref="Error"/>.</param>
/// <param name="RelativeError"><see cref="Error"/> ÷ ‖W‖_F (0 when W is zero, since every rank then reproduces it exactly).</param>
/// <param name="EnergyKept">Σ_{i≤r} σ_i² ÷ Σ σ_i², the share of ‖W‖_F² the rank keeps (1 when W is zero: nothing is lost).</param>
/// <param name="OutputError">‖y − y′_r‖₂ for the sweep's input and bias, or null when the sweep was run without them.</param>
/// <param name="Parameters">Parameter counts of W and of B_r, A_r.</param>
public sealed record RankSweepPoint(
    int Rank,
    double Error,
    double EckartYoung,
    double RelativeError,
    double EnergyKept,
    double? OutputError,
    ParameterCount Parameters);
