namespace Workbook.Tests;

/// <summary>
/// The tests that start the runner, a kernel or scripts as processes of their own. They run one at a time, after every
/// other collection (the workbook fixture included) has finished, so their time limits hold on a small machine.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ProcessCollection
{
    public const string Name = "processes";
}

/// <summary>
/// The trait that splits the suite: <c>dotnet test --filter Speed=Fast</c> runs, in seconds, the tests that start no
/// process and no kernel; <c>Speed=Slow</c> the others (the workbook fixture's and the process collection's).
/// </summary>
internal static class Speed
{
    public const string Name = "Speed";
    public const string Fast = "Fast";
    public const string Slow = "Slow";
}
