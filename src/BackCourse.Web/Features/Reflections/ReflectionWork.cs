using System.Text.Json;
using BackCourse.Web.Data;
using BackCourse.Web.Domain;
using BackCourse.Web.Features.Learning;
using FluentValidation;
using Microsoft.EntityFrameworkCore;

namespace BackCourse.Web.Features.Reflections;

/// <summary>A learner's answers to a reflection's prompts, checked against that section's prompts.</summary>
public sealed record ReflectionAnswers(IReadOnlyList<PromptItem> Prompts, IReadOnlyDictionary<string, string> Answers, bool Submitting)
{
    public Dictionary<string, string> Cleaned() => Prompts
        .Where(p => Answers.TryGetValue(p.Key, out var a) && !string.IsNullOrWhiteSpace(a))
        .ToDictionary(p => p.Key, p => Answers[p.Key].Trim());
}

public sealed class ReflectionAnswersValidator : AbstractValidator<ReflectionAnswers>
{
    // Form binding turns an empty field into null: every read below allows for it.
    public ReflectionAnswersValidator()
    {
        RuleFor(r => r).Custom((r, context) =>
        {
            var keys = r.Prompts.Select(p => p.Key).ToHashSet();
            if (r.Answers.Keys.Any(k => !keys.Contains(k)))
            {
                context.AddFailure("", "This form had fields we don't recognise. Please reload the page and try again.");
            }
            foreach (var prompt in r.Prompts)
            {
                var answer = r.Answers.TryGetValue(prompt.Key, out var a) ? a?.Trim() ?? "" : "";
                if (answer.Length > prompt.MaxLength)
                {
                    context.AddFailure($"answers[{prompt.Key}]", $"Please keep this answer under {prompt.MaxLength} characters (it has {answer.Length}).");
                }
                else if (r.Submitting && answer.Length == 0)
                {
                    context.AddFailure($"answers[{prompt.Key}]", "Please write something here before you submit. A sentence or two is fine.");
                }
            }
        });
    }
}

public sealed class MessageForm
{
    public string Body { get; set; } = "";
}

public sealed class MessageFormValidator : AbstractValidator<MessageForm>
{
    public MessageFormValidator()
    {
        RuleFor(m => m.Body).NotEmpty().WithMessage("Please write a message first.")
            .MaximumLength(5000).WithMessage("Please keep messages under 5000 characters.");
    }
}

/// <summary>Saving drafts, submitting, and the learner's side of the conversation.</summary>
public sealed class ReflectionWork(AppDbContext db, TimeProvider clock)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public Task<Reflection?> FindAsync(Guid enrolmentId, Guid sectionId, CancellationToken ct) =>
        db.Reflections.AsNoTracking().SingleOrDefaultAsync(r => r.EnrolmentId == enrolmentId && r.SectionId == sectionId, ct);

    public Task<List<ReflectionMessage>> ThreadAsync(Guid reflectionId, CancellationToken ct) =>
        db.ReflectionMessages.AsNoTracking().Where(m => m.ReflectionId == reflectionId).OrderBy(m => m.CreatedAt).ThenBy(m => m.Id).ToListAsync(ct);

    public static Dictionary<string, string> AnswersOf(Reflection? reflection) =>
        reflection is null ? [] : JsonSerializer.Deserialize<Dictionary<string, string>>(reflection.AnswersJson, Json) ?? [];

    /// <summary>Saves a draft (or, with <paramref name="submit"/>, submits). False when the reflection is not editable now.</summary>
    public async Task<bool> SaveAsync(Guid enrolmentId, Guid userId, Guid sectionId, Dictionary<string, string> answers, bool submit, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var reflection = await db.Reflections.SingleOrDefaultAsync(r => r.EnrolmentId == enrolmentId && r.SectionId == sectionId, ct);
        if (reflection is null)
        {
            reflection = new Reflection
            {
                Id = Guid.CreateVersion7(),
                EnrolmentId = enrolmentId,
                SectionId = sectionId,
                State = ReflectionState.Draft,
                CreatedAt = now,
            };
            db.Reflections.Add(reflection);
            db.ReflectionEvents.Add(new ReflectionEvent { ReflectionId = reflection.Id, ActorId = userId, ToState = ReflectionState.Draft, At = now });
        }
        else if (!reflection.IsEditable)
        {
            return false;
        }
        reflection.AnswersJson = JsonSerializer.Serialize(answers, Json);
        reflection.UpdatedAt = now;
        if (submit)
        {
            var from = reflection.State;
            reflection.State = ReflectionWorkflow.Submitted(from);
            reflection.SubmittedAt = now;
            reflection.Urgent = RedFlagDetector.Find(string.Join("\n", answers.Values)).Count > 0;
            db.ReflectionEvents.Add(new ReflectionEvent { ReflectionId = reflection.Id, ActorId = userId, FromState = from, ToState = reflection.State, At = now });
        }
        await db.SaveChangesAsync(ct);
        return true;
    }

    public async Task AddMessageAsync(Guid reflectionId, Guid authorId, bool fromInstructor, string body, CancellationToken ct)
    {
        db.ReflectionMessages.Add(new ReflectionMessage
        {
            ReflectionId = reflectionId,
            AuthorId = authorId,
            FromInstructor = fromInstructor,
            Body = body.Trim(),
            CreatedAt = clock.GetUtcNow(),
        });
        await db.SaveChangesAsync(ct);
    }
}
