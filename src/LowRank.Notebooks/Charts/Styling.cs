using System.Reflection;
using Microsoft.FSharp.Core;

namespace LowRank;

/// <summary>
/// Calls Plotly.NET's typed styling functions (<c>LinearAxis.init</c>, <c>Trace2DStyle.Heatmap</c>, <c>Chart.withLayoutStyle</c>,
/// ...) with only the arguments a figure sets. Their F# optional arguments are plain <see cref="FSharpOption{T}"/> parameters
/// in C#, all of which a call must pass (<c>LinearAxis.init</c> has 90), so a direct call would be a page of nulls.
/// </summary>
internal static class Styling
{
    /// <summary><typeparamref name="T"/>'s own <c>init</c>, e.g. <c>Styling.Init&lt;LinearAxis&gt;(new { ShowGrid = false })</c>.</summary>
    internal static T Init<T>(object arguments) => Call<T>(typeof(T), "init", arguments);

    /// <summary>
    /// The static function <paramref name="function"/> of <paramref name="owner"/>, with each property of
    /// <paramref name="arguments"/> passed as Some(value) to the parameter of its name and None to every other one.
    /// A name the function does not have, or a value its parameter cannot take, throws instead of being dropped.
    /// </summary>
    internal static T Call<T>(Type owner, string function, object arguments)
    {
        var method = owner.GetMethods(BindingFlags.Public | BindingFlags.Static).Single(m => m.Name == function);
        var given = arguments.GetType().GetProperties().ToDictionary(p => p.Name, p => p.GetValue(arguments));
        var parameters = method.GetParameters();
        var unknown = given.Keys.Except(parameters.Select(p => p.Name!)).ToArray();
        if (unknown.Length > 0)
        {
            throw new ArgumentException(
                $"{owner.Name}.{function} has no parameter {string.Join(", ", unknown)}.", nameof(arguments));
        }
        if (method.IsGenericMethodDefinition)
        {
            method = method.MakeGenericMethod(TypeArguments(method, given));
        }
        var values = method.GetParameters()
            .Select(p => given.TryGetValue(p.Name!, out var value) ? Some(p.ParameterType, value) : null)
            .ToArray();
        return (T)method.Invoke(null, values)!;
    }

    private static object Some(Type option, object? value) =>
        value is null
            ? throw new ArgumentNullException(nameof(value), $"An argument for {option} is null: leave it out for None.")
            : option.GetMethod(nameof(FSharpOption<int>.Some))!.Invoke(null, [value])!;

    // Each type parameter is read off a given value (TickVals = int[] makes IEnumerable<e> IEnumerable<int>); one that
    // only unset arguments use takes its own constraint (IConvertible, Trace), which satisfies it and is never read.
    private static Type[] TypeArguments(MethodInfo method, Dictionary<string, object?> given)
    {
        var bound = new Dictionary<Type, Type>();
        foreach (var parameter in method.GetParameters())
        {
            if (given.TryGetValue(parameter.Name!, out var value) && value is not null)
            {
                Bind(parameter.ParameterType.GetGenericArguments()[0], value.GetType(), bound);
            }
        }
        return [.. method.GetGenericArguments().Select(g => bound.TryGetValue(g, out var t) ? t : Fallback(g, bound))];
    }

    private static void Bind(Type declared, Type actual, Dictionary<Type, Type> bound)
    {
        if (declared.IsGenericParameter)
        {
            bound.TryAdd(declared, actual);
            return;
        }
        if (!declared.ContainsGenericParameters)
        {
            return;
        }
        var definition = declared.GetGenericTypeDefinition();
        var match = new[] { actual }.Concat(actual.GetInterfaces())
            .FirstOrDefault(t => t.IsGenericType && t.GetGenericTypeDefinition() == definition);
        if (match is not null)
        {
            foreach (var (d, a) in declared.GetGenericArguments().Zip(match.GetGenericArguments()))
            {
                Bind(d, a, bound);
            }
        }
    }

    private static Type Fallback(Type parameter, Dictionary<Type, Type> bound)
    {
        var constraint = parameter.GetGenericParameterConstraints().FirstOrDefault();
        if (constraint is null)
        {
            return typeof(object);
        }
        return constraint.ContainsGenericParameters
            ? constraint.GetGenericTypeDefinition().MakeGenericType(
                [.. constraint.GetGenericArguments().Select(a => bound.TryGetValue(a, out var t) ? t : Fallback(a, bound))])
            : constraint;
    }
}
