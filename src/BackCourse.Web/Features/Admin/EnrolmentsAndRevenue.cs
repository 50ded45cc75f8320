using BackCourse.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace BackCourse.Web.Features.Admin;

public sealed record DayCount(DateOnly Day, int Count);

public sealed record DayRevenue(DateOnly Day, long GrossCents, long RefundCents)
{
    public long NetCents => GrossCents - RefundCents;
}

/// <summary>A day and a count or sum grouped by the database; public only so EF can fill it.</summary>
public sealed class DayAmountRow
{
    public DateOnly Day { get; set; }
    public long Amount { get; set; }
}

/// <summary>The dashboard's money and sign-up figures, one entry per UTC day of the period.</summary>
public sealed class EnrolmentsAndRevenue(AppDbContext db)
{
    /// <summary>Enrolments by the day they were created (not their start, which staff can move), one entry per day.</summary>
    public async Task<IReadOnlyList<DayCount>> EnrolmentsAsync(Guid courseId, DashboardPeriod period, CancellationToken ct)
    {
        var rows = await db.Database.SqlQuery<DayAmountRow>($"""
            SELECT (created_at AT TIME ZONE 'UTC')::date AS "Day", count(*) AS "Amount"
            FROM enrolments
            WHERE course_id = {courseId} AND created_at >= {period.Start} AND created_at < {period.End}
            GROUP BY 1
            """).ToDictionaryAsync(r => r.Day, r => r.Amount, ct);
        return [.. period.EachDay().Select(d => new DayCount(d, (int)rows.GetValueOrDefault(d)))];
    }

    /// <summary>
    /// Gross: what paid orders brought in, on the day they were paid (a later refund does not undo it).
    /// Refunds: what Stripe gave back, on the day the order was refunded (or, for a partial refund that
    /// leaves the order paid, the day Stripe first reported it).
    /// </summary>
    public async Task<IReadOnlyList<DayRevenue>> RevenueAsync(Guid courseId, DashboardPeriod period, CancellationToken ct)
    {
        var gross = await db.Database.SqlQuery<DayAmountRow>($"""
            SELECT (paid_at AT TIME ZONE 'UTC')::date AS "Day", sum(amount_cents)::bigint AS "Amount"
            FROM orders
            WHERE course_id = {courseId} AND status IN ('Paid', 'Refunded') AND paid_at >= {period.Start} AND paid_at < {period.End}
            GROUP BY 1
            """).ToDictionaryAsync(r => r.Day, r => r.Amount, ct);
        var refunds = await db.Database.SqlQuery<DayAmountRow>($"""
            SELECT (x.at AT TIME ZONE 'UTC')::date AS "Day", sum(x.cents)::bigint AS "Amount"
            FROM (
                SELECT COALESCE(o.refunded_at, r.at) AS at, COALESCE(r.amount_refunded_cents, o.amount_cents) AS cents
                FROM orders o
                LEFT JOIN payment_refunds r ON r.payment_intent_id = o.payment_intent_id
                WHERE o.course_id = {courseId} AND (o.status = 'Refunded' OR r.payment_intent_id IS NOT NULL)
            ) x
            WHERE x.at >= {period.Start} AND x.at < {period.End}
            GROUP BY 1
            """).ToDictionaryAsync(r => r.Day, r => r.Amount, ct);
        return [.. period.EachDay().Select(d => new DayRevenue(d, gross.GetValueOrDefault(d), refunds.GetValueOrDefault(d)))];
    }
}
