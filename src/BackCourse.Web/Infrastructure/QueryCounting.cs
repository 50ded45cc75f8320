using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace BackCourse.Web.Infrastructure;

/// <summary>
/// Counts the database commands a request runs and reports them in an <c>X-Db-Queries</c> header,
/// when <c>Diagnostics:QueryCountHeader</c> is on (benchmarks and tests read it; off by default, and then
/// neither the interceptor nor the middleware is installed: see <c>Features/Bench/BenchMode.cs</c>).
/// </summary>
public static class QueryCounting
{
    public const string Header = "X-Db-Queries";
    private static readonly AsyncLocal<StrongBox<int>?> Current = new();

    public static void Count()
    {
        if (Current.Value is { } box)
        {
            Interlocked.Increment(ref box.Value);
        }
    }

    public static WebApplication UseQueryCountHeader(this WebApplication app)
    {
        app.Use(async (context, next) =>
        {
            var box = new StrongBox<int>();
            Current.Value = box;
            context.Response.OnStarting(() =>
            {
                context.Response.Headers[Header] = Volatile.Read(ref box.Value).ToString(System.Globalization.CultureInfo.InvariantCulture);
                return Task.CompletedTask;
            });
            await next(context);
        });
        return app;
    }

    private sealed class StrongBox<T>
    {
        public T Value = default!;
    }

    /// <summary>Counts every command EF Core runs, whichever scope or service runs it.</summary>
    internal sealed class Interceptor : DbCommandInterceptor
    {
        public override InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
        {
            Count();
            return result;
        }

        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            Count();
            return ValueTask.FromResult(result);
        }

        public override InterceptionResult<int> NonQueryExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<int> result)
        {
            Count();
            return result;
        }

        public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
        {
            Count();
            return ValueTask.FromResult(result);
        }

        public override InterceptionResult<object> ScalarExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<object> result)
        {
            Count();
            return result;
        }

        public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<object> result, CancellationToken cancellationToken = default)
        {
            Count();
            return ValueTask.FromResult(result);
        }
    }
}
