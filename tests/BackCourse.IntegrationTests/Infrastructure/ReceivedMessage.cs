using System.Text;
using System.Text.RegularExpressions;
using MimeKit;

namespace BackCourse.IntegrationTests.Infrastructure;

/// <summary>A message as the SMTP listener received it, parsed by MimeKit for assertions.</summary>
/// <param name="Headers">The top-level headers, decoded and unfolded; names lower-case, looked up ignoring case (the last of repeated ones).</param>
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

    /// <summary>The message as MimeKit reads it (a fresh parse of <see cref="Raw"/>), for its structure.</summary>
    public MimeMessage ToMimeMessage() => MimeMessage.Load(new MemoryStream(Encoding.UTF8.GetBytes(Raw)));

    /// <summary>Parses a message as it came over SMTP (envelope sender and recipients given apart).</summary>
    public static ReceivedMessage Parse(string from, IReadOnlyList<string> recipients, byte[] raw)
    {
        using var stream = new MemoryStream(raw, writable: false);
        using var message = MimeMessage.Load(stream);
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var header in message.Headers)
        {
            headers[header.Field.ToLowerInvariant()] = header.Value;
        }
        return new ReceivedMessage(from, recipients, message.Subject ?? "", headers, message.TextBody, message.HtmlBody, Encoding.UTF8.GetString(raw));
    }

    public static ReceivedMessage Parse(string from, IReadOnlyList<string> recipients, string raw) =>
        Parse(from, recipients, Encoding.UTF8.GetBytes(raw));

    [GeneratedRegex(@"https?://[^\s<>""]+")]
    private static partial Regex LinkPattern();
}
