using System.Globalization;
using System.Text;
using BackCourse.Web.Domain;

namespace BackCourse.Web.Features.Tools;

/// <summary>
/// Six weeks of pain and stiffness as a server-drawn SVG line chart (no script, no CDN), with the
/// same numbers in a table for screen readers and anyone who prefers figures.
/// </summary>
public sealed record PainChartModel(DateOnly FirstDay, IReadOnlyList<PainLogEntry> Entries)
{
    public const int Days = 42;
    private const int Width = 640, Height = 220, Left = 34, Right = 10, Top = 10, Bottom = 30;

    public bool IsEmpty => Entries.Count == 0;

    public string Svg()
    {
        static string F(double v) => v.ToString("0.#", CultureInfo.InvariantCulture);
        double X(int dayIndex) => Left + (Width - Left - Right) * dayIndex / (double)(Days - 1);
        double Y(int value) => Top + (Height - Top - Bottom) * (10 - value) / 10.0;

        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"<svg class=\"chart\" viewBox=\"0 0 {Width} {Height}\" role=\"img\" aria-labelledby=\"pain-chart-title\" xmlns=\"http://www.w3.org/2000/svg\">");
        svg.Append("<title id=\"pain-chart-title\">Pain and stiffness over the six weeks (0 to 10)</title>");
        foreach (var level in new[] { 0, 5, 10 })
        {
            svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{Left}\" x2=\"{Width - Right}\" y1=\"{F(Y(level))}\" y2=\"{F(Y(level))}\" class=\"grid\"/>");
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{Left - 6}\" y=\"{F(Y(level) + 4)}\" text-anchor=\"end\" class=\"axis\">{level}</text>");
        }
        for (var week = 0; week < 6; week++)
        {
            var x = X(week * 7);
            svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{F(x)}\" x2=\"{F(x)}\" y1=\"{Top}\" y2=\"{Height - Bottom}\" class=\"grid\"/>");
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{F(x + 4)}\" y=\"{Height - 10}\" class=\"axis\">Week {week + 1}</text>");
        }
        AppendSeries(svg, e => e.Pain, "pain", X, Y);
        AppendSeries(svg, e => e.Stiffness, "stiffness", X, Y);
        svg.Append("</svg>");
        return svg.ToString();
    }

    private void AppendSeries(StringBuilder svg, Func<PainLogEntry, int> value, string css, Func<int, double> x, Func<int, double> y)
    {
        var points = Entries
            .Select(e => (Index: e.Day.DayNumber - FirstDay.DayNumber, Value: value(e)))
            .Where(p => p.Index is >= 0 and < Days)
            .Select(p => (X: x(p.Index), Y: y(p.Value)))
            .ToList();
        if (points.Count == 0)
        {
            return;
        }
        var path = string.Join(" ", points.Select(p => string.Create(CultureInfo.InvariantCulture, $"{p.X:0.#},{p.Y:0.#}")));
        svg.Append(CultureInfo.InvariantCulture, $"<polyline class=\"series {css}\" points=\"{path}\"/>");
        foreach (var p in points)
        {
            svg.Append(CultureInfo.InvariantCulture, $"<circle class=\"dot {css}\" cx=\"{p.X:0.#}\" cy=\"{p.Y:0.#}\" r=\"3\"/>");
        }
    }
}
