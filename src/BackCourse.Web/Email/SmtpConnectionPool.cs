using System.Collections.Concurrent;
using System.Net.Sockets;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;

namespace BackCourse.Web.Email;

/// <summary>
/// A few connected, authenticated MailKit clients kept open and reused across sends
/// (<c>Email:Smtp:PoolSize</c> of them at most), so a batch of emails does not pay a TCP (and TLS,
/// and AUTH) handshake per message. A send borrows a client, reconnecting it first if the server has
/// closed it while it sat idle, and gives it back afterwards. A client whose state is unknown after an
/// error (anything but a clean SMTP error reply) is disposed, never given back. One singleton per app;
/// the container disposes it on shutdown, saying QUIT on the idle connections.
/// </summary>
public sealed class SmtpConnectionPool : IAsyncDisposable, IDisposable
{
    private readonly SmtpSettings settings;
    private readonly ILogger<SmtpConnectionPool> logger;
    private readonly SemaphoreSlim slots;
    private readonly ConcurrentStack<Connection> idle = new();
    private int disposed;

    public SmtpConnectionPool(IOptions<EmailOptions> options, ILogger<SmtpConnectionPool> logger)
    {
        settings = options.Value.Smtp;
        this.logger = logger;
        slots = new SemaphoreSlim(settings.PoolSize, settings.PoolSize);
    }

    /// <summary>
    /// EnableSsl with port 465 is implicit TLS ("SMTPS", RFC 8314); EnableSsl on any other port (587,
    /// 25) requires STARTTLS, as the former sender's EnableSsl did, and fails if the server does not offer
    /// it rather than sending in the clear. Without EnableSsl: no TLS at all, not even opportunistic
    /// STARTTLS (MailKit's Auto), because a local relay offering STARTTLS with a self-signed certificate
    /// would then fail certificate validation where it works today.
    /// </summary>
    internal static SecureSocketOptions SocketOptionsFor(SmtpSettings smtp) => smtp switch
    {
        { EnableSsl: true, Port: 465 } => SecureSocketOptions.SslOnConnect,
        { EnableSsl: true } => SecureSocketOptions.StartTls,
        _ => SecureSocketOptions.None,
    };

    /// <summary>
    /// Sends one message on a pooled connection. Throws what MailKit throws: <see cref="SmtpCommandException"/>
    /// for an error reply (the connection is kept: MailKit has already reset the transaction), anything
    /// else (I/O, protocol, TLS, authentication, timeout) after disposing the connection.
    /// </summary>
    public async Task SendAsync(MimeMessage message, CancellationToken ct)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref disposed) != 0, this);
        await slots.WaitAsync(ct);
        Connection? connection = null;
        var reusable = false;
        try
        {
            connection = await BorrowAsync(ct);
            await connection.Client.SendAsync(message, ct);
            reusable = true;
        }
        catch (SmtpCommandException)
        {
            // The server answered with an error code: the session is still in step (MailKit sent RSET,
            // and disconnects by itself if that failed), so the connection can serve the next message.
            reusable = connection?.Client.IsConnected == true;
            throw;
        }
        finally
        {
            if (connection is not null)
            {
                if (reusable && Volatile.Read(ref disposed) == 0)
                {
                    idle.Push(connection);
                }
                else
                {
                    connection.Dispose();
                }
            }
            slots.Release();
        }
    }

    /// <summary>An idle connection that is still open, or a new one.</summary>
    private async Task<Connection> BorrowAsync(CancellationToken ct)
    {
        while (idle.TryPop(out var pooled))
        {
            bool open;
            try
            {
                open = await IsOpenAsync(pooled, ct);
            }
            catch
            {
                pooled.Dispose(); // the caller cancelled during the NOOP: the connection's state is unknown
                throw;
            }
            if (open)
            {
                return pooled;
            }
            logger.LogDebug("An idle SMTP connection was closed by the server; opening another");
            pooled.Dispose();
        }
        return await ConnectAsync(ct);
    }

    /// <summary>
    /// Whether an idle connection can carry another message. An idle SMTP connection has nothing to
    /// read, so a socket that polls readable has either been closed by the server (nothing available:
    /// the FIN) or has something unexpected waiting (a "421 idle timeout" before the close, or a TLS 1.3
    /// session ticket that is harmless): that last case is settled with a NOOP round trip.
    /// </summary>
    private static async Task<bool> IsOpenAsync(Connection connection, CancellationToken ct)
    {
        if (!connection.Client.IsConnected)
        {
            return false;
        }
        try
        {
            var socket = connection.Tcp.Client;
            if (!socket.Poll(0, SelectMode.SelectRead))
            {
                return true;
            }
            if (socket.Available == 0)
            {
                return false;
            }
            await connection.Client.NoOpAsync(ct);
            return connection.Client.IsConnected;
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            return false;
        }
    }

    private async Task<Connection> ConnectAsync(CancellationToken ct)
    {
        var host = settings.Host ?? throw new InvalidOperationException("No SMTP host is configured.");
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(settings.TimeoutSeconds));
        // Our own socket, handed to MailKit (which then owns it), so an idle connection's state can be
        // polled without a round trip. TcpClient tries every address the host name resolves to.
        var tcp = new TcpClient { NoDelay = true };
        var client = new SmtpClient { Timeout = settings.TimeoutSeconds * 1000 };
        try
        {
            await tcp.ConnectAsync(host, settings.Port, timeout.Token);
            await client.ConnectAsync(tcp.Client, host, settings.Port, SocketOptionsFor(settings), timeout.Token);
            if (!string.IsNullOrEmpty(settings.User))
            {
                await client.AuthenticateAsync(settings.User, settings.Password ?? "", timeout.Token);
            }
            return new Connection(tcp, client);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            client.Dispose();
            tcp.Dispose();
            throw new TimeoutException($"Connecting to the SMTP server {host}:{settings.Port} took longer than {settings.TimeoutSeconds} s.");
        }
        catch
        {
            client.Dispose();
            tcp.Dispose();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref disposed, 1) != 0)
        {
            return;
        }
        // Connections out on a send are disposed when they come back (the pool is marked disposed).
        while (idle.TryPop(out var connection))
        {
            try
            {
                using var quitTimeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
                await connection.Client.DisconnectAsync(quit: true, quitTimeout.Token);
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                // A polite QUIT is all this was; the socket is closed below either way.
            }
            connection.Dispose();
        }
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref disposed, 1) != 0)
        {
            return;
        }
        while (idle.TryPop(out var connection))
        {
            connection.Dispose();
        }
    }

    private sealed class Connection(TcpClient tcp, SmtpClient client) : IDisposable
    {
        public TcpClient Tcp { get; } = tcp;
        public SmtpClient Client { get; } = client;

        public void Dispose()
        {
            Client.Dispose();
            Tcp.Dispose();
        }
    }
}
