using System.Text.Json;

namespace BackCourse.Web.Infrastructure;

/// <summary>An ILIKE pattern that finds the text anywhere, with the text's own % _ and \ taken literally.</summary>
public static class LikePattern
{
    public static string Containing(string text) =>
        "%" + text.Trim().Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal) + "%";
}

/// <summary>Whether two JSON texts say the same thing: PostgreSQL keeps jsonb in its own layout, so text comparison misleads.</summary>
public static class JsonText
{
    public static bool SameMeaning(string a, string b)
    {
        using var x = JsonDocument.Parse(a);
        using var y = JsonDocument.Parse(b);
        return JsonElement.DeepEquals(x.RootElement, y.RootElement);
    }
}

/// <summary>A page number from the address bar, made safe: a huge or negative one shows an empty or the first page, never an overflow.</summary>
public static class Paging
{
    /// <summary>Far beyond any real list; small enough that page × page size stays a valid offset.</summary>
    public const int MaxPage = 100_000;

    public static int Clamp(int requested) => Math.Clamp(requested, 1, MaxPage);
}
