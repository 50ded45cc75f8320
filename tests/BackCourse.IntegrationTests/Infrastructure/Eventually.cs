namespace BackCourse.IntegrationTests.Infrastructure;

/// <summary>For work done off the request (the webhook worker): wait until a condition holds, or fail.</summary>
public static class Eventually
{
    public static async Task TrueAsync(Func<Task<bool>> condition, string what, int timeoutMs = 10_000, Func<Task<string>>? describe = null)
    {
        var deadline = DateTime.UtcNow.AddMilliseconds(timeoutMs);
        while (DateTime.UtcNow < deadline)
        {
            if (await condition())
            {
                return;
            }
            await Task.Delay(50);
        }
        Assert.Fail($"Timed out waiting for: {what}" + (describe is null ? "" : $" ({await describe()})"));
    }
}
