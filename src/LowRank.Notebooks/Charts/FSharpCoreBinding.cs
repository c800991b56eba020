using System.Diagnostics.CodeAnalysis;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Runtime.Loader;

namespace LowRank;

/// <summary>
/// Lets Plotly.NET (built against FSharp.Core 10.1) run inside the notebook kernels, which load their own FSharp.Core 10.0
/// and would otherwise fail the first chart with a FileNotFoundException.
/// </summary>
internal static class FSharpCoreBinding
{
    private static int installed;

    /// <summary>Runs on first use of any LowRank.Notebooks type, so the handler is in place before any Plotly.NET type loads through
    /// us.</summary>
    [ModuleInitializer]
    [SuppressMessage("Usage", "CA2255:The 'ModuleInitializer' attribute should not be used in libraries",
        Justification = "The binding fix must precede the first Plotly.NET type load, which a notebook cannot order by hand.")]
    internal static void Install()
    {
        if (Interlocked.Exchange(ref installed, 1) == 0)
        {
            AssemblyLoadContext.Default.Resolving += ResolveLoadedFSharpCore;
        }
    }

    // Outside a kernel the right FSharp.Core is deployed beside the app, so this never fires there.
    internal static Assembly? ResolveLoadedFSharpCore(AssemblyLoadContext context, AssemblyName requested) =>
        requested.Name == "FSharp.Core"
            ? AppDomain.CurrentDomain.GetAssemblies().FirstOrDefault(a => a.GetName().Name == "FSharp.Core")
            : null;
}
