using System.Buffers;
using System.Collections.Concurrent;
using System.IO.Pipelines;
using System.Net;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using SmtpServer;
using SmtpServer.IO;
using SmtpServer.Mail;
using SmtpServer.Net;
using SmtpServer.Protocol;
using SmtpServer.Storage;
using SmtpServerHost = SmtpServer.SmtpServer;
using SmtpServices = SmtpServer.ComponentModel.ServiceProvider;

namespace BackCourse.IntegrationTests.Infrastructure;

/// <summary>
/// A real SMTP server on loopback (the SmtpServer library): the app talks SMTP to it over TCP exactly
/// as it would to a mail server, and tests read what arrived, parsed with MimeKit.
/// </summary>
/// <remarks>
/// The library's own TCP listener is swapped for one of ours (its <see cref="IEndpointListenerFactory"/>
/// extension point) so the sink knows its port before the server starts, counts the connections it
/// accepts, can close them as a server dropping idle connections would, and can see whether a sender
/// is still there.
/// </remarks>
public sealed class SmtpSink : IAsyncDisposable
{
    private const string ConnectionKey = "BackCourse.SmtpSink:Connection";

    private readonly TcpListener listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource stop = new();
    private readonly ConcurrentQueue<ReceivedMessage> messages = new();
    private readonly ConcurrentDictionary<TcpClient, byte> open = new();
    private readonly SmtpServerHost server;
    private readonly Task running;

    private int failNext;
    private int failNextPermanently;
    private int connectionsOpened;

    /// <summary>
    /// Runs after a message's data has arrived and before it is accepted (recorded, then "250"): a test
    /// can hold a sender there. A message whose sender has gone by then is not recorded, as a real
    /// server would not have delivered it.
    /// </summary>
    public Func<Task>? BeforeAccepting { get; set; }

    /// <summary>Answer the next N messages with "451" (a temporary failure), to exercise retries.</summary>
    public void FailNextDeliveries(int count) => Volatile.Write(ref failNext, count);

    /// <summary>Answer the next N messages with "550 mailbox unavailable" (a permanent refusal).</summary>
    public void FailNextPermanently(int count) => Volatile.Write(ref failNextPermanently, count);

    /// <summary>How many SMTP connections clients have opened to this sink so far.</summary>
    public int ConnectionsOpened => Volatile.Read(ref connectionsOpened);

    /// <summary>
    /// Closes every open connection from the server's side, as a mail server does with connections
    /// left idle, and waits until none is left.
    /// </summary>
    public async Task CloseConnectionsAsync()
    {
        foreach (var connection in open.Keys)
        {
            connection.Close();
        }
        var deadline = DateTime.UtcNow.AddSeconds(5);
        while (!open.IsEmpty && DateTime.UtcNow < deadline)
        {
            await Task.Delay(10);
        }
    }

    public SmtpSink()
    {
        listener.Start();
        var options = new SmtpServerOptionsBuilder()
            .ServerName("sink.test")
            // The app keeps its connections open across many messages: no session time limit to cut one
            // mid-message (which would record a message its sender then retries).
            .Endpoint(endpoint => endpoint.Endpoint((IPEndPoint)listener.LocalEndpoint).SessionTimeout(TimeSpan.FromDays(1)))
            .Build();
        var services = new SmtpServices();
        services.Add(new ListenerFactory(this));
        services.Add(new Store(this));
        server = new SmtpServerHost(options, services);
        running = server.StartAsync(stop.Token);
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

    private async Task<SmtpResponse> SaveAsync(ISessionContext context, IMessageTransaction transaction, ReadOnlySequence<byte> buffer)
    {
        if (Interlocked.Decrement(ref failNextPermanently) >= 0)
        {
            return new SmtpResponse(SmtpReplyCode.MailboxUnavailable, "Mailbox unavailable");
        }
        if (Interlocked.Decrement(ref failNext) >= 0)
        {
            return new SmtpResponse(SmtpReplyCode.Aborted, "Try again later"); // 451
        }
        var raw = buffer.ToArray(); // copied now: the buffer belongs to the session's pipe
        if (BeforeAccepting is { } hold)
        {
            await hold();
            if (SenderHasGone(context))
            {
                // Nobody is waiting for the reply, so the sender cannot know the message was taken: a real
                // server would not deliver it either. The reply below goes nowhere.
                return new SmtpResponse(SmtpReplyCode.TransactionFailed, "Sender gone");
            }
        }
        messages.Enqueue(ReceivedMessage.Parse(
            transaction.From?.AsAddress() ?? "",
            [.. transaction.To.Select(to => to.AsAddress())],
            raw));
        return SmtpResponse.Ok;
    }

    /// <summary>
    /// Whether the client has closed its end while its message waited. SmtpServer gives no sign of it
    /// (its cancellation token is for the session's time limit and server shutdown, and nothing reads the
    /// session's pipe while the message store runs), so the sink asks the socket it accepted itself: with
    /// the message sent and its reply not yet written, a client that is still there sends nothing, so a
    /// socket that polls readable with no bytes available has seen the client's FIN (or a reset, which
    /// throws).
    /// </summary>
    private static bool SenderHasGone(ISessionContext context)
    {
        if (!context.Properties.TryGetValue(ConnectionKey, out var value) || value is not TcpClient connection)
        {
            return false;
        }
        try
        {
            return connection.Client.Poll(0, SelectMode.SelectRead) && connection.Client.Available == 0;
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
        {
            return true;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        foreach (var connection in open.Keys)
        {
            connection.Close(); // sessions waiting for a command end now, not at the library's five-minute timeout
        }
        try
        {
            // Bounded: a test that failed while holding a sender in BeforeAccepting never lets it go.
            await running.WaitAsync(TimeSpan.FromSeconds(10));
        }
        catch (Exception ex) when (ex is OperationCanceledException or TimeoutException)
        {
        }
        listener.Stop();
        stop.Dispose();
    }

    private sealed class ListenerFactory(SmtpSink sink) : IEndpointListenerFactory
    {
        public IEndpointListener CreateListener(IEndpointDefinition endpointDefinition) => new Listener(sink);
    }

    /// <summary>Hands SmtpServer the connections accepted on the sink's own listener.</summary>
    private sealed class Listener(SmtpSink sink) : IEndpointListener
    {
        public async Task<ISecurableDuplexPipe> GetPipeAsync(ISessionContext context, CancellationToken cancellationToken)
        {
            var connection = await sink.listener.AcceptTcpClientAsync(cancellationToken);
            connection.NoDelay = true;
            Interlocked.Increment(ref sink.connectionsOpened);
            sink.open.TryAdd(connection, 0);
            context.Properties[ConnectionKey] = connection;
            return new PlainPipe(connection, () => sink.open.TryRemove(connection, out _));
        }

        public void Dispose()
        {
            // The sink stops its listener itself, once the server has finished.
        }
    }

    /// <summary>The connection's stream as the duplex pipe SmtpServer reads and writes; no TLS in tests.</summary>
    private sealed class PlainPipe : ISecurableDuplexPipe
    {
        private readonly TcpClient connection;
        private readonly Action closed;
        private int disposed;

        public PlainPipe(TcpClient connection, Action closed)
        {
            this.connection = connection;
            this.closed = closed;
            var stream = connection.GetStream();
            Input = PipeReader.Create(stream);
            Output = PipeWriter.Create(stream);
        }

        public PipeReader Input { get; }
        public PipeWriter Output { get; }
        public bool IsSecure => false;
        public SslProtocols SslProtocol => SslProtocols.None;

        public Task UpgradeAsync(X509Certificate certificate, SslProtocols protocols, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException("The test sink speaks plain SMTP only.");

        public void Dispose()
        {
            if (Interlocked.Exchange(ref disposed, 1) == 0)
            {
                connection.Dispose();
                closed();
            }
        }
    }

    private sealed class Store(SmtpSink sink) : IMessageStore
    {
        public Task<SmtpResponse> SaveAsync(ISessionContext context, IMessageTransaction transaction, ReadOnlySequence<byte> buffer, CancellationToken cancellationToken) =>
            sink.SaveAsync(context, transaction, buffer);
    }
}
