using BackCourse.Web.Data;

namespace BackCourse.Web.Features.Account.Sessions;

/// <summary>Keeps this node's <see cref="EndedSessions"/> up to date with sessions ended on any node.</summary>
public sealed class EndedSessionsRefresher(EndedSessions ended, IServiceScopeFactory scopes, ILogger<EndedSessionsRefresher> logger) : BackgroundService
{
    // How long a session ended on another node may still be replayed here. Real time, not the app's clock: this
    // is how often a node polls, not a rule of the course.
    internal static readonly TimeSpan Interval = TimeSpan.FromSeconds(2);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval);
        do
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                await ended.RefreshAsync(scope.ServiceProvider.GetRequiredService<AppDbContext>(), stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // The database blinked: the ids already held still count, and the next tick tries again.
                logger.LogWarning(ex, "Could not read ended sign-in sessions");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
