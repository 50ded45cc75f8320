using System.Text.Json;

namespace BackCourse.Web.Features.Learning;

public sealed record WorksheetField(string Key, string Label, string Type, string? Help)
{
    public int MaxLength => Type == "textarea" ? 4000 : 500;
}

public sealed record QuizSummary(bool Graded, int PassMarkPercent, int QuestionCount);

public sealed record PromptItem(string Key, string Text, int MaxLength);

/// <summary>A weekly feedback question: a 1–5 scale, yes/no, or free text.</summary>
public sealed record FeedbackQuestion(string Key, string Text, string Type);

/// <summary>Reads a section's kind-specific JSON into the shapes the pages need.</summary>
public static class SectionExtras
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static string? ToolName(string json) =>
        Parse(json, root => root.TryGetProperty("tool", out var t) ? t.GetString() : null);

    /// <summary>Worksheet fields, or a checklist's items as checkbox fields.</summary>
    public static IReadOnlyList<WorksheetField> Fields(string json) => Parse(json, root =>
    {
        if (root.TryGetProperty("fields", out var fields))
        {
            return fields.EnumerateArray().Select(f => new WorksheetField(
                f.GetProperty("key").GetString() ?? "",
                f.GetProperty("label").GetString() ?? "",
                f.TryGetProperty("type", out var type) ? type.GetString() ?? "text" : "text",
                f.TryGetProperty("help", out var help) ? help.GetString() : null)).ToList();
        }
        if (root.TryGetProperty("items", out var items))
        {
            // Plain strings are known by place (item-1…); the editor writes {key, text} so items can move.
            return items.EnumerateArray().Select((item, i) => item.ValueKind == JsonValueKind.String
                ? new WorksheetField($"item-{i + 1}", item.GetString() ?? "", "checkbox", null)
                : new WorksheetField(item.GetProperty("key").GetString() ?? "", item.GetProperty("text").GetString() ?? "", "checkbox", null)).ToList();
        }
        return (IReadOnlyList<WorksheetField>)[];
    }) ?? [];

    public static QuizSummary? Quiz(string json) => Parse(json, root =>
        root.TryGetProperty("questions", out var questions)
            ? new QuizSummary(
                !root.TryGetProperty("graded", out var graded) || graded.GetBoolean(),
                root.TryGetProperty("passMarkPercent", out var pass) ? pass.GetInt32() : 70,
                questions.GetArrayLength())
            : null);

    /// <summary>Reflection prompts (<c>prompts</c>) or feedback questions (<c>questions</c>).</summary>
    public static IReadOnlyList<PromptItem> Prompts(string json) => Parse(json, root =>
    {
        var list = root.TryGetProperty("prompts", out var prompts) ? prompts
            : root.TryGetProperty("questions", out var questions) ? questions : default;
        if (list.ValueKind != JsonValueKind.Array)
        {
            return (IReadOnlyList<PromptItem>)[];
        }
        return list.EnumerateArray().Select(p => new PromptItem(
            p.TryGetProperty("key", out var k) ? k.GetString() ?? "" : "",
            p.GetProperty("text").GetString() ?? "",
            p.TryGetProperty("maxLength", out var max) ? max.GetInt32() : 2000)).ToList();
    }) ?? [];

    public static IReadOnlyList<FeedbackQuestion> FeedbackQuestions(string json) => Parse(json, root =>
        root.TryGetProperty("questions", out var questions)
            ? questions.EnumerateArray().Select(q => new FeedbackQuestion(
                q.GetProperty("key").GetString() ?? "",
                q.GetProperty("text").GetString() ?? "",
                q.TryGetProperty("type", out var t) ? t.GetString() ?? "text" : "text")).ToList()
            : (IReadOnlyList<FeedbackQuestion>)[]) ?? [];

    public static Dictionary<string, string> Answers(string json) =>
        JsonSerializer.Deserialize<Dictionary<string, string>>(json, Json) ?? [];

    public static string AnswersJson(IReadOnlyDictionary<string, string> answers) => JsonSerializer.Serialize(answers, Json);

    private static T? Parse<T>(string json, Func<JsonElement, T?> read)
    {
        using var doc = JsonDocument.Parse(string.IsNullOrWhiteSpace(json) ? "{}" : json);
        return doc.RootElement.ValueKind == JsonValueKind.Object ? read(doc.RootElement) : default;
    }
}
