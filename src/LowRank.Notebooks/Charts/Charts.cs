using System.Globalization;
using MathNet.Numerics.LinearAlgebra;
using Plotly.NET;
using Plotly.NET.CSharp;
using Chart = Plotly.NET.CSharp.Chart;

namespace LowRank;

/// <summary>
/// The workbook's Plotly.NET figures, with titles, axis titles, hover text and legends; values that span decades
/// go on log axes. Display one as a cell's last expression after the setup cell's <c>Notebook.UseOfflineCharts()</c>
/// (LowRank.Notebooks), which draws it offline.
/// </summary>
public static partial class Charts
{
}
