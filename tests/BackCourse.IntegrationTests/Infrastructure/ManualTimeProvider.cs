using System.Diagnostics;

namespace BackCourse.IntegrationTests.Infrastructure;

/// <summary>
/// A clock the test moves by hand (Microsoft.Extensions.TimeProvider.Testing is not available here).
/// Frozen by default; for tests where Hangfire fires real recurring jobs it can also tick along with real
/// time, still jumping forward when the test calls <see cref="Advance"/>.
/// </summary>
public sealed class ManualTimeProvider(DateTimeOffset start, bool followRealTime = false) : TimeProvider
{
    private readonly Stopwatch running = Stopwatch.StartNew();
    private DateTimeOffset anchor = start;

    public override DateTimeOffset GetUtcNow() => followRealTime ? anchor + running.Elapsed : anchor;

    public void Advance(TimeSpan by) => anchor += by;

    public void Set(DateTimeOffset to) => anchor = followRealTime ? to - running.Elapsed : to;
}
