namespace Workbook.Commands;

/// <summary>How one of the doctor's checks came out.</summary>
internal enum DoctorVerdict
{
    /// <summary>Ready: printed with ✓.</summary>
    Passed,

    /// <summary>Not needed to run the notebooks, but needed for something else (the tests): printed with !.</summary>
    Warning,

    /// <summary>The notebooks will not run until it is fixed: printed with ✗.</summary>
    Failed,
}

/// <summary>One line of the doctor's report: what was checked and, unless it passed, the fix to make.</summary>
/// <param name="Verdict">Whether it passed, warns or failed.</param>
/// <param name="What">What was checked and what was found.</param>
/// <param name="Fix">The command to run or the step to take; null for a check that passed.</param>
internal sealed record DoctorLine(DoctorVerdict Verdict, string What, string? Fix = null)
{
    /// <summary>A check that passed.</summary>
    public static DoctorLine Pass(string what) => new(DoctorVerdict.Passed, what);

    /// <summary>A check the notebooks do not need that did not pass.</summary>
    public static DoctorLine Warn(string what, string fix) => new(DoctorVerdict.Warning, what, fix);

    /// <summary>A check the notebooks need that failed.</summary>
    public static DoctorLine Fail(string what, string fix) => new(DoctorVerdict.Failed, what, fix);

    /// <summary>A check that could not run because one it needs failed.</summary>
    public static DoctorLine NotChecked(string what, string needs) => Fail($"{what}: not checked, as it needs the {needs}",
        $"fix the {needs} line above first");

    /// <summary>True when the check passed.</summary>
    public bool Passed => Verdict == DoctorVerdict.Passed;

    /// <summary><c>✓ what</c>, <c>! what — fix</c> or <c>✗ what — fix</c>.</summary>
    public override string ToString() => Verdict switch
    {
        DoctorVerdict.Passed => $"✓ {What}",
        DoctorVerdict.Warning => $"! {What} — {Fix}",
        _ => $"✗ {What} — {Fix}",
    };
}
