using System.Text;
using System.Text.RegularExpressions;

namespace Workbook.Report;

/// <summary>
/// Joins the lines of math that a markdown cell wraps inside a paragraph (<c>$2^{-23}</c>, new line, <c>\approx 1.19$</c>).
/// Jupyter's MathJax typesets such a formula, but Markdig's inline math ends at the line break and would leave both halves
/// as text (and their <c>^</c> and <c>_</c> to the markdown).
/// </summary>
internal static partial class InlineMathLines
{
    /// <summary>
    /// <paramref name="markdown"/> with each line break inside a <c>$...$</c> or <c>$$...$$</c> span turned into a space.
    /// Code (fenced blocks, backtick spans), <c>$$</c> math blocks (fences alone on their lines), escaped dollars and
    /// blank lines are left as they are, and a span whose next line
    /// starts a list item, heading, quote or table row is not joined, so a stray dollar cannot swallow a block.
    /// </summary>
    public static string Join(string markdown)
    {
        ArgumentNullException.ThrowIfNull(markdown);
        var lines = markdown.Split('\n');
        var output = new StringBuilder(markdown.Length);
        var paragraph = new List<string>();
        var fenced = false;
        foreach (var line in lines)
        {
            var fence = Fence().IsMatch(line);
            if (fenced || fence || line.Trim().Length == 0)
            {
                Flush(paragraph, output);
                output.Append(line).Append('\n');
                fenced ^= fence;
                continue;
            }
            paragraph.Add(line);
        }
        Flush(paragraph, output);
        return output.ToString(0, output.Length - 1); // the loop added one '\n' more than the lines had
    }

    private static void Flush(List<string> paragraph, StringBuilder output)
    {
        if (paragraph.Count > 0)
        {
            output.Append(JoinSpans(string.Join('\n', paragraph))).Append('\n');
            paragraph.Clear();
        }
    }

    private static string JoinSpans(string text)
    {
        var chars = text.ToCharArray();
        var i = 0;
        while (i < chars.Length)
        {
            switch (chars[i])
            {
                case '\\':
                    i += 2;
                    break;
                case '`':
                    i = AfterCodeSpan(text, i);
                    break;
                case '$' when i + 1 < chars.Length && chars[i + 1] == '$':
                    var close = text.IndexOf("$$", i + 2, StringComparison.Ordinal);
                    // "$$" alone on its line fences a math block, which Markdig reads over lines itself.
                    if (close > 0 && !FenceLine().IsMatch(text[(i + 2)..]))
                    {
                        JoinLines(chars, i, close);
                    }
                    i = close < 0 ? i + 2 : close + 2;
                    break;
                case '$':
                    var end = ClosingDollar(text, i + 1);
                    if (end > 0)
                    {
                        JoinLines(chars, i, end);
                    }
                    i = end > 0 ? end + 1 : i + 1;
                    break;
                default:
                    i++;
                    break;
            }
        }
        return new string(chars);
    }

    // A run of n backticks opens a code span that the next run of exactly n closes; unclosed, it is literal text.
    private static int AfterCodeSpan(string text, int start)
    {
        var n = 0;
        while (start + n < text.Length && text[start + n] == '`')
        {
            n++;
        }
        var run = new string('`', n);
        for (var at = text.IndexOf(run, start + n, StringComparison.Ordinal); at >= 0; at = text.IndexOf(run, at + 1,
            StringComparison.Ordinal))
        {
            var before = text[at - 1] == '`';
            var after = at + n < text.Length && text[at + n] == '`';
            if (!before && !after)
            {
                return at + n;
            }
        }
        return start + n;
    }

    private static int ClosingDollar(string text, int from)
    {
        for (var k = from; k < text.Length; k++)
        {
            if (text[k] == '\\')
            {
                k++;
            }
            else if (text[k] == '$')
            {
                return k;
            }
        }
        return -1;
    }

    private static void JoinLines(char[] chars, int open, int close)
    {
        var breaks = Enumerable.Range(open, close - open).Where(k => chars[k] == '\n').ToArray();
        if (breaks.Any(k => BlockStart().IsMatch(new string(chars, k + 1, close - k))))
        {
            return;
        }
        foreach (var k in breaks)
        {
            chars[k] = ' ';
        }
    }

    [GeneratedRegex(@"^\s{0,3}(```|~~~)", RegexOptions.CultureInvariant)]
    private static partial Regex Fence();

    [GeneratedRegex(@"^[ \t]*(\n|$)", RegexOptions.CultureInvariant)]
    private static partial Regex FenceLine();

    [GeneratedRegex(@"^\s*([-*+]\s|\d+[.)]\s|#|>|\|)", RegexOptions.CultureInvariant)]
    private static partial Regex BlockStart();
}
