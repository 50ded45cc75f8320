using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;

namespace BackCourse.IntegrationTests.Infrastructure;

/// <summary>
/// The built app run as its own process, as a real node would be, so that a test can kill it outright
/// (SIGKILL: no shutdown, no finally blocks, its database connections simply drop). It runs on the real
/// clock with its Hangfire server on and dispatches every second.
/// </summary>
public sealed class NodeProcess : IDisposable
{
    private readonly Process process;
    private readonly ConcurrentQueue<string> output = new();

    private NodeProcess(Process process) => this.process = process;

    public static NodeProcess Start(string connectionString, int smtpPort, int sendParallelism, string name)
    {
        var start = new ProcessStartInfo("dotnet", Path.Combine(AppContext.BaseDirectory, "BackCourse.Web.dll"))
        {
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        var env = start.Environment;
        env["ASPNETCORE_ENVIRONMENT"] = "Testing";
        env["ASPNETCORE_URLS"] = "http://127.0.0.1:0";
        env["ConnectionStrings__Default"] = connectionString;
        env["App__PublicBaseUrl"] = "https://localhost";
        env["App__MigrateOnStartup"] = "false";
        env["Email__Smtp__Host"] = "127.0.0.1";
        env["Email__Smtp__Port"] = smtpPort.ToString(CultureInfo.InvariantCulture);
        env["Email__Smtp__PoolSize"] = sendParallelism.ToString(CultureInfo.InvariantCulture);
        env["Stripe__AllowTestPaymentPage"] = "true";
        env["Scheduling__Enabled"] = "true";
        env["Scheduling__DispatchCron"] = "* * * * * *";
        env["Scheduling__PollIntervalMs"] = "200";
        env["Scheduling__SendParallelism"] = sendParallelism.ToString(CultureInfo.InvariantCulture);
        env["Media__Folder"] = Path.Combine(Path.GetTempPath(), "backcourse-media-" + name);
        env["Logging__LogLevel__Default"] = "Warning";
        env["DOTNET_USE_POLLING_FILE_WATCHER"] = "true";
        var node = new NodeProcess(new Process { StartInfo = start });
        node.process.OutputDataReceived += (_, e) => { if (e.Data is not null) { node.output.Enqueue(e.Data); } };
        node.process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { node.output.Enqueue(e.Data); } };
        node.process.Start();
        node.process.BeginOutputReadLine();
        node.process.BeginErrorReadLine();
        return node;
    }

    /// <summary>SIGKILL, and wait until the process is gone.</summary>
    public async Task KillAsync()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
        }
        await process.WaitForExitAsync();
    }

    public string RecentOutput => string.Join("\n", output.TakeLast(30));

    public void Dispose()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
        }
        process.Dispose();
    }
}
