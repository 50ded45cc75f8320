using Npgsql;

namespace BackCourse.IntegrationTests.Infrastructure;

/// <summary>
/// Many learners at once, straight into the database (no passwords: they never sign in), each enrolled
/// and owed one email due at <c>dueFrom</c> (plus up to <c>spread</c>).
/// </summary>
public static class BulkLearners
{
    public static async Task SeedAsync(string connectionString, int count, string kind, int week,
        DateTimeOffset startedAt, DateTimeOffset dueFrom, TimeSpan spread = default)
    {
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        await using var command = dataSource.CreateCommand("""
            WITH learners AS (
                INSERT INTO users (id, display_name, time_zone_id, created_at, user_name, normalized_user_name, email, normalized_email,
                                   email_confirmed, phone_number_confirmed, two_factor_enabled, lockout_enabled, access_failed_count)
                SELECT gen_random_uuid(), 'Learner ' || n, 'UTC', @started, 'bulk' || n || '@example.test', upper('bulk' || n || '@example.test'),
                       'bulk' || n || '@example.test', upper('bulk' || n || '@example.test'), true, false, false, true, 0
                FROM generate_series(1, @count) AS n
                RETURNING id),
            enrolled AS (
                INSERT INTO enrolments (id, user_id, course_id, started_at, status, created_at)
                SELECT gen_random_uuid(), l.id, (SELECT id FROM courses ORDER BY created_at LIMIT 1), @started, 'Active', @started FROM learners l
                RETURNING id, user_id)
            INSERT INTO notifications (id, enrolment_id, user_id, week, kind, due_at, state, created_at, updated_at)
            SELECT gen_random_uuid(), e.id, e.user_id, @week, @kind, @due + random() * @spread, 'Scheduled', @started, @started FROM enrolled e
            """);
        command.Parameters.AddWithValue("started", startedAt);
        command.Parameters.AddWithValue("due", dueFrom);
        command.Parameters.AddWithValue("spread", spread);
        command.Parameters.AddWithValue("count", count);
        command.Parameters.AddWithValue("week", week);
        command.Parameters.AddWithValue("kind", kind);
        command.CommandTimeout = 300;
        await command.ExecuteNonQueryAsync();
    }
}
