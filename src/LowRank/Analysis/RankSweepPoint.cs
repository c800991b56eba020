namespace LowRank;

/// <summary>
/// How well the best rank-r approximation B_r·A_r stands in for W, at one rank r of a <see cref="RankSweep"/>.
/// Only <see cref="RankSweep"/> builds these, so every value is a finite number from one sweep.
/// </summary>
public sealed record RankSweepPoint
{
    internal RankSweepPoint(int rank, double error, double eckartYoung, double relativeError, double energyKept, double energyLost,
        double? outputError, ParameterCount parameters)
    {
        Rank = rank;
        Error = error;
        EckartYoung = eckartYoung;
        RelativeError = relativeError;
        EnergyKept = energyKept;
        EnergyLost = energyLost;
        OutputError = outputError;
        Parameters = parameters;
    }

    /// <summary>The rank r.</summary>
    public int Rank { get; }

    /// <summary>Measured ‖W − B_r·A_r‖_F.</summary>
    public double Error { get; }

    /// <summary>The Eckart–Young prediction √(Σ_{i&gt;r} σ_i²) for <see cref="Error"/>.</summary>
    public double EckartYoung { get; }

    /// <summary><see cref="Error"/> ÷ ‖W‖_F (0 when W is zero, since every rank then reproduces it exactly).</summary>
    public double RelativeError { get; }

    /// <summary>Σ_{i≤r} σ_i² ÷ Σ σ_i², the share of ‖W‖_F² the rank keeps (1 when W is zero: nothing is lost).</summary>
    public double EnergyKept { get; }

    /// <summary>
    /// Σ_{i&gt;r} σ_i² ÷ Σ σ_i², the share of ‖W‖_F² the rank loses (0 when W is zero). Taken from the tail sum itself
    /// rather than as 1 − <see cref="EnergyKept"/>, where a share below 1e-16 would cancel to 0.
    /// </summary>
    public double EnergyLost { get; }

    /// <summary>‖y − y′_r‖₂ for the sweep's input and bias, or null when the sweep was run without them.</summary>
    public double? OutputError { get; }

    /// <summary>Parameter counts of W and of B_r, A_r.</summary>
    public ParameterCount Parameters { get; }
}
