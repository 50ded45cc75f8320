using System.Globalization;
using System.Text;

namespace BackCourse.Web.Payments;

/// <summary>
/// Stripe's form encoding: nested objects as brackets, arrays as indices, booleans as true/false,
/// e.g. <c>line_items[0][price_data][unit_amount]=1200</c>. Key order is kept, so the same request
/// encodes to the same body (idempotent retries send identical parameters).
/// </summary>
public static class StripeForm
{
    public static string Encode(IEnumerable<KeyValuePair<string, object?>> parameters)
    {
        var pairs = new List<KeyValuePair<string, string>>();
        foreach (var (key, value) in parameters)
        {
            Flatten(key, value, pairs);
        }
        return string.Join("&", pairs.Select(p => $"{Escape(p.Key)}={Escape(p.Value)}"));
    }

    private static void Flatten(string prefix, object? value, List<KeyValuePair<string, string>> into)
    {
        switch (value)
        {
            case null:
                return;
            case string s:
                into.Add(new(prefix, s));
                return;
            case bool b:
                into.Add(new(prefix, b ? "true" : "false"));
                return;
            case IEnumerable<KeyValuePair<string, object?>> map:
                foreach (var (k, v) in map)
                {
                    Flatten($"{prefix}[{k}]", v, into);
                }
                return;
            case IEnumerable<KeyValuePair<string, string>> stringMap:
                foreach (var (k, v) in stringMap)
                {
                    Flatten($"{prefix}[{k}]", v, into);
                }
                return;
            case System.Collections.IEnumerable list:
                var i = 0;
                foreach (var item in list)
                {
                    Flatten($"{prefix}[{i++}]", item, into);
                }
                return;
            case IFormattable formattable:
                into.Add(new(prefix, formattable.ToString(null, CultureInfo.InvariantCulture)));
                return;
            default:
                into.Add(new(prefix, value.ToString() ?? ""));
                return;
        }
    }

    private static string Escape(string value) => Uri.EscapeDataString(value).Replace("%20", "+", StringComparison.Ordinal);

    public static Dictionary<string, object?> Map(params (string Key, object? Value)[] entries)
    {
        var map = new Dictionary<string, object?>();
        foreach (var (k, v) in entries)
        {
            map[k] = v;
        }
        return map;
    }

    /// <summary>Parses a form body back to flat pairs (for tests and the local fake).</summary>
    public static List<KeyValuePair<string, string>> Decode(string body) =>
        [.. body.Split('&', StringSplitOptions.RemoveEmptyEntries).Select(p =>
        {
            var eq = p.IndexOf('=', StringComparison.Ordinal);
            string Un(string s) => Uri.UnescapeDataString(s.Replace('+', ' '));
            return eq < 0 ? new KeyValuePair<string, string>(Un(p), "") : new(Un(p[..eq]), Un(p[(eq + 1)..]));
        })];

    internal static string Utf8(byte[] body) => Encoding.UTF8.GetString(body);
}
