using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace BackCourse.IntegrationTests.Infrastructure;

/// <summary>
/// A real SMTP listener on loopback: the app talks SMTP to it over TCP exactly as it would to a mail
/// server, and tests read what arrived. Speaks enough of RFC 5321 for System.Net.Mail.
/// </summary>
public sealed class SmtpSink : IAsyncDisposable
{
    private readonly TcpListener listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource stop = new();
    private readonly ConcurrentQueue<ReceivedMessage> messages = new();
    private readonly Task acceptLoop;

    private int failNext;

    /// <summary>
    /// Runs after a message's data has arrived and before it is accepted (recorded, then "250"): a test
    /// can hold a sender there. A message whose sender has gone by then is not recorded, as a real
    /// server would not have delivered it.
    /// </summary>
    public Func<Task>? BeforeAccepting { get; set; }

    /// <summary>Fail the next N DATA commands with a 451, to exercise retries.</summary>
    public void FailNextDeliveries(int count) => Volatile.Write(ref failNext, count);

    public SmtpSink()
    {
        listener.Start();
        acceptLoop = AcceptAsync();
    }

    public int Port => ((IPEndPoint)listener.LocalEndpoint).Port;

    public IReadOnlyList<ReceivedMessage> Messages => [.. messages];

    /// <summary>Waits until a message to <paramref name="to"/> matching the filter has arrived.</summary>
    public async Task<ReceivedMessage> WaitForAsync(string to, Func<ReceivedMessage, bool>? match = null, int timeoutMs = 10_000)
    {
        var deadline = DateTime.UtcNow.AddMilliseconds(timeoutMs);
        while (DateTime.UtcNow < deadline)
        {
            var found = messages.FirstOrDefault(m =>
                m.Recipients.Any(r => r.Equals(to, StringComparison.OrdinalIgnoreCase)) && (match is null || match(m)));
            if (found is not null)
            {
                return found;
            }
            await Task.Delay(25);
        }
        throw new TimeoutException($"No message to {to} arrived within {timeoutMs} ms. Received: " +
                                   string.Join("; ", messages.Select(m => $"{string.Join(",", m.Recipients)}: {m.Subject}")));
    }

    private async Task AcceptAsync()
    {
        while (!stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await listener.AcceptTcpClientAsync(stop.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            catch (ObjectDisposedException)
            {
                return;
            }
            _ = Task.Run(() => HandleAsync(client));
        }
    }

    private async Task HandleAsync(TcpClient client)
    {
        using var _ = client;
        var stream = client.GetStream();
        using var reader = new StreamReader(stream, Encoding.ASCII);
        await using var writer = new StreamWriter(stream, Encoding.ASCII) { NewLine = "\r\n", AutoFlush = true };
        await writer.WriteLineAsync("220 sink.test ESMTP ready");
        var recipients = new List<string>();
        string? from = null;
        try
        {
            while (await reader.ReadLineAsync(stop.Token) is { } line)
            {
                var verb = line.Split(' ', 2)[0].ToUpperInvariant();
                switch (verb)
                {
                    case "EHLO":
                        await writer.WriteLineAsync("250-sink.test");
                        await writer.WriteLineAsync("250 8BITMIME");
                        break;
                    case "HELO":
                        await writer.WriteLineAsync("250 sink.test");
                        break;
                    case "MAIL":
                        from = ExtractAddress(line);
                        recipients.Clear();
                        await writer.WriteLineAsync("250 OK");
                        break;
                    case "RCPT":
                        recipients.Add(ExtractAddress(line));
                        await writer.WriteLineAsync("250 OK");
                        break;
                    case "DATA":
                        if (Interlocked.Decrement(ref failNext) >= 0)
                        {
                            await writer.WriteLineAsync("451 Try again later");
                            break;
                        }
                        await writer.WriteLineAsync("354 End data with <CR><LF>.<CR><LF>");
                        var data = new StringBuilder();
                        while (await reader.ReadLineAsync(stop.Token) is { } dataLine && dataLine != ".")
                        {
                            data.Append(dataLine.StartsWith("..", StringComparison.Ordinal) ? dataLine[1..] : dataLine).Append("\r\n");
                        }
                        if (BeforeAccepting is { } hold)
                        {
                            await hold();
                            if (client.Client.Poll(0, SelectMode.SelectRead) && client.Available == 0)
                            {
                                return; // the sender is gone: nothing was delivered
                            }
                        }
                        messages.Enqueue(ReceivedMessage.Parse(from ?? "", [.. recipients], data.ToString()));
                        await writer.WriteLineAsync("250 OK queued");
                        break;
                    case "RSET":
                        recipients.Clear();
                        await writer.WriteLineAsync("250 OK");
                        break;
                    case "NOOP":
                        await writer.WriteLineAsync("250 OK");
                        break;
                    case "QUIT":
                        await writer.WriteLineAsync("221 Bye");
                        return;
                    default:
                        await writer.WriteLineAsync("502 Command not implemented");
                        break;
                }
            }
        }
        catch (Exception ex) when (ex is IOException or OperationCanceledException or ObjectDisposedException)
        {
            // The client hung up or the sink is stopping.
        }
    }

    private static string ExtractAddress(string line)
    {
        var start = line.IndexOf('<', StringComparison.Ordinal);
        var end = line.IndexOf('>', StringComparison.Ordinal);
        return start >= 0 && end > start ? line[(start + 1)..end] : line;
    }

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        listener.Stop();
        try
        {
            await acceptLoop;
        }
        catch (OperationCanceledException)
        {
        }
        stop.Dispose();
    }
}
