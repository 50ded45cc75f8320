using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Html;

namespace BackCourse.Web.Features.Admin;

/// <summary>One column of a column chart: a day (or any category) and its value.</summary>
public sealed record ColumnPoint(string Label, long Value);

/// <summary>One row of a bar chart: <see cref="Value"/> out of <see cref="Of"/>, with the figure to print beside it.</summary>
public sealed record BarRow(string Label, long Value, long Of, string Text);

/// <summary>
/// Small server-drawn SVG charts, like the pain chart: no script, no CDN, and nothing but classes and
/// presentation attributes, so the CSP (no inline style) holds. Each chart is an image with a title and
/// a one-sentence summary for screen readers; the page shows the same numbers as a table.
/// </summary>
public static class SvgCharts
{
    private const int Width = 640;
    private static readonly HtmlEncoder Encoder = HtmlEncoder.Default;

    /// <summary>Vertical columns, one per point (a day), with a value axis from 0 to a round maximum.</summary>
    public static HtmlString Columns(string id, string title, string summary, IReadOnlyList<ColumnPoint> points, Func<long, string> format)
    {
        const int height = 240, left = 64, right = 10, top = 12, bottom = 30;
        var plotWidth = Width - left - right;
        var plotHeight = height - top - bottom;
        var max = RoundUp(points.Count == 0 ? 0 : points.Max(p => p.Value));
        double Y(long value) => top + plotHeight * (1 - value / (double)max);

        var svg = Open(id, title, summary, height);
        foreach (var level in new[] { 0, max / 2, max })
        {
            svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{left}\" x2=\"{Width - right}\" y1=\"{F(Y(level))}\" y2=\"{F(Y(level))}\" class=\"grid\"/>");
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{left - 6}\" y=\"{F(Y(level) + 4)}\" text-anchor=\"end\" class=\"axis\">{Encode(format(level))}</text>");
        }
        if (points.Count > 0)
        {
            var slot = plotWidth / (double)points.Count;
            var barWidth = Math.Max(1, slot * 0.75);
            // At most about eight labels along the bottom, so a year of days stays legible.
            var labelEvery = Math.Max(1, (int)Math.Ceiling(points.Count / 8.0));
            for (var i = 0; i < points.Count; i++)
            {
                var p = points[i];
                var x = left + slot * i + (slot - barWidth) / 2;
                if (p.Value > 0)
                {
                    var y = Y(p.Value);
                    svg.Append(CultureInfo.InvariantCulture,
                        $"<rect class=\"bar\" x=\"{F(x)}\" y=\"{F(y)}\" width=\"{F(barWidth)}\" height=\"{F(top + plotHeight - y)}\"><title>{Encode(p.Label)}: {Encode(format(p.Value))}</title></rect>");
                }
                if (i % labelEvery == 0)
                {
                    svg.Append(CultureInfo.InvariantCulture,
                        $"<text x=\"{F(left + slot * i + slot / 2)}\" y=\"{height - 10}\" text-anchor=\"middle\" class=\"axis\">{Encode(p.Label)}</text>");
                }
            }
        }
        return Close(svg);
    }

    /// <summary>
    /// Horizontal bars, one per row, each filling its share of a full-width track (value out of "of"):
    /// a funnel when every row has the same "of", pass rates or helpfulness when each row has its own.
    /// </summary>
    public static HtmlString Bars(string id, string title, string summary, IReadOnlyList<BarRow> rows)
    {
        const int left = 4, right = 4, rowHeight = 44, barHeight = 16;
        var height = Math.Max(1, rows.Count) * rowHeight + 4;
        var plotWidth = Width - left - right;
        var svg = Open(id, title, summary, height);
        for (var i = 0; i < rows.Count; i++)
        {
            var row = rows[i];
            var y = i * rowHeight + 4;
            var share = row.Of <= 0 ? 0 : Math.Clamp(row.Value / (double)row.Of, 0, 1);
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{left}\" y=\"{y + 13}\" class=\"bar-label\">{Encode(Shorten(row.Label, 64))}</text>");
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{Width - right}\" y=\"{y + 13}\" text-anchor=\"end\" class=\"bar-value\">{Encode(row.Text)}</text>");
            svg.Append(CultureInfo.InvariantCulture, $"<rect class=\"track\" x=\"{left}\" y=\"{y + 19}\" width=\"{plotWidth}\" height=\"{barHeight}\"/>");
            if (share > 0)
            {
                svg.Append(CultureInfo.InvariantCulture,
                    $"<rect class=\"bar\" x=\"{left}\" y=\"{y + 19}\" width=\"{F(Math.Max(1, plotWidth * share))}\" height=\"{barHeight}\"><title>{Encode(row.Label)}: {Encode(row.Text)}</title></rect>");
            }
        }
        return Close(svg);
    }

    /// <summary>"3 of 10 (30%)", the usual text beside a bar.</summary>
    public static string Share(long value, long of) =>
        of <= 0 ? "none yet" : string.Create(CultureInfo.InvariantCulture, $"{value} of {of} ({Percent(value, of)}%)");

    public static int Percent(long value, long of) =>
        of <= 0 ? 0 : (int)Math.Round(value * 100.0 / of, MidpointRounding.AwayFromZero);

    private static StringBuilder Open(string id, string title, string summary, int height)
    {
        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture,
            $"<svg class=\"chart dashboard-chart\" id=\"{Encode(id)}\" viewBox=\"0 0 {Width} {height}\" role=\"img\" aria-labelledby=\"{Encode(id)}-title {Encode(id)}-desc\" xmlns=\"http://www.w3.org/2000/svg\">");
        svg.Append(CultureInfo.InvariantCulture, $"<title id=\"{Encode(id)}-title\">{Encode(title)}</title>");
        svg.Append(CultureInfo.InvariantCulture, $"<desc id=\"{Encode(id)}-desc\">{Encode(summary)}</desc>");
        return svg;
    }

    private static HtmlString Close(StringBuilder svg) => new(svg.Append("</svg>").ToString());

    /// <summary>2, 4, 6, 8 or 10 times a power of ten, at least the value, so gridlines fall on round numbers.</summary>
    internal static long RoundUp(long value)
    {
        if (value <= 1)
        {
            return 1;
        }
        // Even steps, so the middle gridline is a whole number too.
        for (long magnitude = 1; ; magnitude *= 10)
        {
            foreach (var step in new long[] { 2, 4, 6, 8, 10 })
            {
                if (step * magnitude >= value)
                {
                    return step * magnitude;
                }
            }
        }
    }

    private static string Shorten(string text, int max) => text.Length <= max ? text : text[..(max - 1)].TrimEnd() + "…";

    private static string Encode(string text) => Encoder.Encode(text);

    private static string F(double v) => v.ToString("0.#", CultureInfo.InvariantCulture);
}
