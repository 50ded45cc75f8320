using System.ComponentModel.DataAnnotations;
using BackCourse.Web.Data;
using BackCourse.Web.Domain;
using FluentValidation;
using Microsoft.EntityFrameworkCore;

namespace BackCourse.Web.Features.Tools;

public sealed class PainLogForm
{
    [Display(Name = "Day")]
    public DateOnly? Day { get; set; }

    [Display(Name = "Pain today (0 = none, 10 = worst imaginable)")]
    public int? Pain { get; set; }

    [Display(Name = "Stiffness today (0 = none, 10 = could barely move)")]
    public int? Stiffness { get; set; }

    [Display(Name = "Note (optional)")]
    public string? Note { get; set; }
}

public sealed class PainLogFormValidator : AbstractValidator<PainLogForm>
{
    public PainLogFormValidator(TimeProvider clock)
    {
        RuleFor(f => f.Day).NotNull().WithMessage("Please choose the day this entry is for.")
            .Must(d => d is null || d.Value <= DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime.AddDays(1)))
            .WithMessage("You can't log a day that hasn't happened yet.");
        RuleFor(f => f.Pain).NotNull().WithMessage("Please rate your pain from 0 to 10.")
            .InclusiveBetween(0, 10).WithMessage("Pain must be a whole number from 0 to 10.");
        RuleFor(f => f.Stiffness).NotNull().WithMessage("Please rate your stiffness from 0 to 10.")
            .InclusiveBetween(0, 10).WithMessage("Stiffness must be a whole number from 0 to 10.");
        RuleFor(f => f.Note).MaximumLength(500).WithMessage("Please keep the note under 500 characters.");
    }
}

/// <summary>The pain &amp; stiffness log: one entry per local day, re-logging a day replaces it.</summary>
public sealed class PainLog(AppDbContext db, TimeProvider clock)
{
    public Task<List<PainLogEntry>> EntriesAsync(Guid userId, CancellationToken ct) =>
        db.PainLog.AsNoTracking().Where(p => p.UserId == userId).OrderByDescending(p => p.Day).ToListAsync(ct);

    public async Task SaveAsync(Guid userId, PainLogForm form, CancellationToken ct)
    {
        var note = string.IsNullOrWhiteSpace(form.Note) ? null : form.Note.Trim();
        await db.Database.ExecuteSqlAsync($"""
            INSERT INTO pain_log_entries (user_id, day, pain, stiffness, note, updated_at)
            VALUES ({userId}, {form.Day!.Value}, {form.Pain!.Value}, {form.Stiffness!.Value}, {note}, {clock.GetUtcNow()})
            ON CONFLICT (user_id, day) DO UPDATE
            SET pain = EXCLUDED.pain, stiffness = EXCLUDED.stiffness, note = EXCLUDED.note, updated_at = EXCLUDED.updated_at
            """, ct);
    }

    /// <summary>The six course weeks, day by day from the learner's start date, for the dashboard chart.</summary>
    public async Task<PainChartModel> ChartAsync(Guid userId, DateTimeOffset startedAt, TimeZoneInfo zone, CancellationToken ct)
    {
        var (first, last) = ChartDays(startedAt, zone);
        var entries = await db.PainLog.AsNoTracking()
            .Where(p => p.UserId == userId && p.Day >= first && p.Day <= last)
            .OrderBy(p => p.Day)
            .ToListAsync(ct);
        return new PainChartModel(first, entries);
    }

    /// <summary>The chart's first and last day: six weeks from the learner's start, in their zone.</summary>
    public static (DateOnly First, DateOnly Last) ChartDays(DateTimeOffset startedAt, TimeZoneInfo zone)
    {
        var first = LearnerTime.Today(startedAt, zone);
        return (first, first.AddDays(WeekUnlockCalendar.Weeks * WeekUnlockCalendar.DaysPerWeek - 1));
    }
}
