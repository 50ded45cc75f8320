using BackCourse.IntegrationTests.Infrastructure;

namespace BackCourse.IntegrationTests.Security;

/// <summary>
/// One app for a whole test class, where the tests use their own accounts and don't disturb each other:
/// starting an app per test costs more than these tests themselves.
/// </summary>
public sealed class SharedApp : IAsyncLifetime
{
    private TestApp? app;

    public TestApp App => app ?? throw new InvalidOperationException("The app has not started.");

    public async Task InitializeAsync() => app = await TestApp.StartAsync();

    public async Task DisposeAsync()
    {
        if (app is not null)
        {
            await app.DisposeAsync();
        }
    }
}
