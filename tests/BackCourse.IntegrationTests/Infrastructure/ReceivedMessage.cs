using System.Text;
using System.Text.RegularExpressions;

namespace BackCourse.IntegrationTests.Infrastructure;

/// <summary>A message as the SMTP listener received it, with its MIME parts decoded for assertions.</summary>
public sealed partial record ReceivedMessage(
    string From,
    IReadOnlyList<string> Recipients,
    string Subject,
    IReadOnlyDictionary<string, string> Headers,
    string? TextBody,
    string? HtmlBody,
    string Raw)
{
    /// <summary>Every http(s) link in the plain-text part.</summary>
    public IReadOnlyList<string> Links =>
        TextBody is null ? [] : [.. LinkPattern().Matches(TextBody).Select(m => m.Value)];

    public static ReceivedMessage Parse(string from, IReadOnlyList<string> recipients, string raw)
    {
        var (headers, body) = SplitHeaders(raw);
        string? text = null, html = null;
        CollectParts(headers, body, ref text, ref html);
        return new ReceivedMessage(from, recipients, DecodeEncodedWords(headers.GetValueOrDefault("subject", "")), headers, text, html, raw);
    }

    private static void CollectParts(Dictionary<string, string> headers, string body, ref string? text, ref string? html)
    {
        var contentType = headers.GetValueOrDefault("content-type", "text/plain");
        if (contentType.StartsWith("multipart/", StringComparison.OrdinalIgnoreCase))
        {
            var boundary = BoundaryPattern().Match(contentType).Groups[1].Value.Trim('"');
            foreach (var part in body.Split("--" + boundary).Skip(1))
            {
                if (part.StartsWith("--", StringComparison.Ordinal))
                {
                    break;
                }
                var (partHeaders, partBody) = SplitHeaders(part.TrimStart('\r', '\n'));
                CollectParts(partHeaders, partBody, ref text, ref html);
            }
            return;
        }
        var decoded = Decode(body, headers.GetValueOrDefault("content-transfer-encoding", "7bit"));
        if (contentType.StartsWith("text/html", StringComparison.OrdinalIgnoreCase))
        {
            html ??= decoded;
        }
        else if (contentType.StartsWith("text/plain", StringComparison.OrdinalIgnoreCase))
        {
            text ??= decoded;
        }
    }

    private static (Dictionary<string, string> Headers, string Body) SplitHeaders(string raw)
    {
        var split = raw.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        var head = split < 0 ? raw : raw[..split];
        var body = split < 0 ? "" : raw[(split + 4)..];
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        string? last = null;
        foreach (var line in head.Split("\r\n"))
        {
            if (line.Length > 0 && (line[0] == ' ' || line[0] == '\t') && last is not null)
            {
                headers[last] += " " + line.Trim();
                continue;
            }
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0)
            {
                continue;
            }
            last = line[..colon].Trim().ToLowerInvariant();
            headers[last] = line[(colon + 1)..].Trim();
        }
        return (headers, body);
    }

    private static string Decode(string body, string encoding) => encoding.Trim().ToLowerInvariant() switch
    {
        "base64" => Encoding.UTF8.GetString(Convert.FromBase64String(string.Concat(body.Where(c => !char.IsWhiteSpace(c))))),
        "quoted-printable" => DecodeQuotedPrintable(body),
        _ => body,
    };

    private static string DecodeQuotedPrintable(string input)
    {
        var bytes = new List<byte>(input.Length);
        for (var i = 0; i < input.Length; i++)
        {
            var c = input[i];
            if (c == '=' && i + 2 < input.Length && input[i + 1] == '\r' && input[i + 2] == '\n')
            {
                i += 2; // soft line break
            }
            else if (c == '=' && i + 2 < input.Length && Uri.IsHexDigit(input[i + 1]) && Uri.IsHexDigit(input[i + 2]))
            {
                bytes.Add(Convert.ToByte(input.Substring(i + 1, 2), 16));
                i += 2;
            }
            else
            {
                bytes.AddRange(Encoding.UTF8.GetBytes(c.ToString()));
            }
        }
        return Encoding.UTF8.GetString([.. bytes]);
    }

    private static string DecodeEncodedWords(string value) =>
        EncodedWordPattern().Replace(AdjacentEncodedWords().Replace(value, "?==?"), m =>
        {
            var charset = Encoding.GetEncoding(m.Groups["charset"].Value);
            var text = m.Groups["text"].Value;
            return m.Groups["enc"].Value.Equals("B", StringComparison.OrdinalIgnoreCase)
                ? charset.GetString(Convert.FromBase64String(text))
                : DecodeQuotedPrintable(text.Replace('_', ' '));
        });

    [GeneratedRegex(@"\?=\s+=\?")]
    private static partial Regex AdjacentEncodedWords();

    [GeneratedRegex(@"https?://[^\s<>""]+")]
    private static partial Regex LinkPattern();

    [GeneratedRegex(@"boundary=(""[^""]+""|[^;\s]+)", RegexOptions.IgnoreCase)]
    private static partial Regex BoundaryPattern();

    [GeneratedRegex(@"=\?(?<charset>[^?]+)\?(?<enc>[BbQq])\?(?<text>[^?]*)\?=")]
    private static partial Regex EncodedWordPattern();
}
