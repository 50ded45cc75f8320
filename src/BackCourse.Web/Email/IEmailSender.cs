namespace BackCourse.Web.Email;

/// <summary>A message ready to send: both an HTML and a plain-text body, always.</summary>
public sealed record OutgoingEmail(
    string To,
    string Subject,
    string Html,
    string Text,
    string Kind,
    Guid? UserId = null)
{
    /// <summary>Extra headers, such as List-Unsubscribe.</summary>
    public IReadOnlyDictionary<string, string>? Headers { get; init; }

    /// <summary>
    /// A Message-ID fixed by the caller (without angle brackets), so a message sent again after a crash is
    /// recognisably the same one; otherwise MimeKit makes a fresh one.
    /// </summary>
    public string? MessageId { get; init; }
}

/// <summary>
/// What became of one message. When <see cref="Sent"/> is false, <see cref="Permanent"/> says whether
/// trying again can help: false for a temporary failure (a 4xx reply, a dropped or refused connection,
/// a timeout: retry later), true for a permanent refusal (a 5xx reply such as "550 mailbox
/// unavailable", or an address that cannot be parsed: record it, do not retry).
/// </summary>
public sealed record EmailResult(long MessageId, bool Sent, string? Error, bool Permanent = false);

/// <summary>Sends one message and records it. Never throws for a delivery failure: the result says so.</summary>
public interface IEmailSender
{
    Task<EmailResult> SendAsync(OutgoingEmail email, CancellationToken ct = default);

    /// <summary>
    /// The same, for a caller that holds a database transaction and commits it only when this returns
    /// Sent (the scheduler's exactly-once claim). The log row is written as sent before the message
    /// leaves, and <paramref name="beforeDelivery"/> runs with its id, both in the caller's transaction,
    /// so that after the server's "250" the caller's commit is the only step left: the shortest window
    /// in which a crash could make a retry send the message twice. On a failure the row says so.
    /// </summary>
    Task<EmailResult> SendInTransactionAsync(OutgoingEmail email, Func<long, Task> beforeDelivery, CancellationToken ct = default);
}
