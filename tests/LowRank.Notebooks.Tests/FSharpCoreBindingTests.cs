using System.Reflection;
using System.Runtime.Loader;

namespace LowRank.Notebooks.Tests;

/// <summary>The kernels load an older FSharp.Core than Plotly.NET asks for; the library answers with the loaded one.</summary>
public class FSharpCoreBindingTests
{
    [Fact]
    public void The_FSharp_Core_fix_answers_any_FSharp_Core_request_with_the_loaded_one_and_nothing_else()
    {
        var loaded = typeof(Microsoft.FSharp.Core.FSharpOption<int>).Assembly;

        var answer = FSharpCoreBinding.ResolveLoadedFSharpCore(AssemblyLoadContext.Default,
            new AssemblyName("FSharp.Core, Version=99.0.0.0"));

        Assert.Same(loaded, answer);
        Assert.Null(FSharpCoreBinding.ResolveLoadedFSharpCore(AssemblyLoadContext.Default,
            new AssemblyName("Plotly.NET, Version=6.0.0.0")));
    }
}
