using System.Text.Json;
using System.Text.Json.Nodes;
using BackCourse.Web.Domain;
using FluentValidation;

namespace BackCourse.Web.Features.Authoring;

/// <summary>
/// One editor for the list-shaped extras: reflection prompts, worksheet fields, weekly feedback
/// questions, and a tool (with a checklist's items). Item keys never change once made, because
/// learners' answers are stored under them.
/// </summary>
public sealed class ItemsForm
{
    public SectionKind Kind { get; set; }
    public string? Tool { get; set; }
    public List<ItemForm> Items { get; set; } = [];

    /// <summary>save, add, remove:I, up:I, down:I.</summary>
    public string? Command { get; set; }

    public long Version { get; set; }
}

public sealed class ItemForm
{
    public string Key { get; set; } = "";
    public string? Text { get; set; }
    public string? Type { get; set; }
    public string? Help { get; set; }
    public int? MaxLength { get; set; }
}

public static class ItemKinds
{
    public static readonly string[] FieldTypes = ["text", "textarea", "number", "checkbox", "scale"];
    public static readonly string[] FeedbackTypes = ["scale", "yesno", "text"];
    public static readonly string[] Tools = ["pain-log", "desk-timer", "checklist"];

    /// <summary>What one item is called on the page for each kind.</summary>
    public static string ItemName(SectionKind kind, string? tool) => kind switch
    {
        SectionKind.Reflection => "prompt",
        SectionKind.Worksheet => "field",
        SectionKind.Feedback => "question",
        _ => tool == "checklist" ? "checklist item" : "item",
    };

    public static bool HasItems(SectionKind kind, string? tool) =>
        kind is SectionKind.Reflection or SectionKind.Worksheet or SectionKind.Feedback || (kind == SectionKind.Tool && tool == "checklist");
}

public sealed class ItemsFormValidator : AbstractValidator<ItemsForm>
{
    public ItemsFormValidator()
    {
        RuleFor(f => f.Tool).Must(t => ItemKinds.Tools.Contains(t)).WithMessage("Choose which tool this section opens.")
            .When(f => f.Kind == SectionKind.Tool);
        RuleFor(f => f.Items).NotEmpty().WithMessage(f => $"Add at least one {ItemKinds.ItemName(f.Kind, f.Tool)}.")
            .When(f => ItemKinds.HasItems(f.Kind, f.Tool));
        RuleFor(f => f.Items).Must(items => items.Count <= 30).WithMessage("Keep to thirty items or fewer.");
        RuleForEach(f => f.Items).ChildRules(item =>
        {
            item.RuleFor(i => i.Key).NotEmpty().WithMessage("This item has lost its key; reload the editor.");
            item.RuleFor(i => i.Text).NotEmpty().WithMessage("Write the text, or remove this item.")
                .MaximumLength(1000).WithMessage("Keep the text under 1,000 characters.");
            item.RuleFor(i => i.Help).MaximumLength(500).WithMessage("Keep the help under 500 characters.");
        });
        RuleForEach(f => f.Items).ChildRules(item =>
            item.RuleFor(i => i.Type).Must(t => ItemKinds.FieldTypes.Contains(t)).WithMessage("Choose the kind of answer."))
            .When(f => f.Kind == SectionKind.Worksheet);
        RuleForEach(f => f.Items).ChildRules(item =>
            item.RuleFor(i => i.Type).Must(t => ItemKinds.FeedbackTypes.Contains(t)).WithMessage("Choose the kind of answer."))
            .When(f => f.Kind == SectionKind.Feedback);
        RuleForEach(f => f.Items).ChildRules(item =>
            item.RuleFor(i => i.MaxLength).NotNull().WithMessage("Give the longest answer allowed, between 100 and 10,000 characters.")
                .InclusiveBetween(100, 10_000).WithMessage("Give the longest answer allowed, between 100 and 10,000 characters."))
            .When(f => f.Kind == SectionKind.Reflection);
    }
}

/// <summary>Reads a section's extras into the items editor and writes them back in the seed format.</summary>
public static class ItemsDocument
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public static ItemsForm ToForm(SectionKind kind, string extrasJson)
    {
        var root = JsonNode.Parse(string.IsNullOrWhiteSpace(extrasJson) ? "{}" : extrasJson) as JsonObject ?? [];
        var form = new ItemsForm { Kind = kind, Tool = root["tool"]?.GetValue<string>() };
        var list = kind switch
        {
            SectionKind.Reflection => root["prompts"],
            SectionKind.Worksheet => root["fields"],
            SectionKind.Feedback => root["questions"],
            _ => root["items"],
        };
        var i = 0;
        foreach (var node in list?.AsArray() ?? [])
        {
            i++;
            if (node is JsonValue value)
            {
                // Checklist items written as plain strings were stored by place: item-1, item-2…
                form.Items.Add(new ItemForm { Key = $"item-{i}", Text = value.GetValue<string>() });
                continue;
            }
            form.Items.Add(new ItemForm
            {
                Key = node!["key"]?.GetValue<string>() ?? "",
                Text = (node["text"] ?? node["label"])?.GetValue<string>(),
                Type = node["type"]?.GetValue<string>(),
                Help = node["help"]?.GetValue<string>(),
                MaxLength = node["maxLength"]?.GetValue<int>(),
            });
        }
        return form;
    }

    public static string ToJson(ItemsForm form)
    {
        JsonArray Items(Func<ItemForm, JsonObject> item) => new([.. form.Items.Select(i => (JsonNode)item(i))]);
        var root = form.Kind switch
        {
            SectionKind.Reflection => new JsonObject
            {
                ["prompts"] = Items(i => new JsonObject { ["key"] = i.Key, ["text"] = Clean(i.Text), ["maxLength"] = i.MaxLength ?? 2000 }),
            },
            SectionKind.Worksheet => new JsonObject
            {
                ["fields"] = Items(i =>
                {
                    var field = new JsonObject { ["key"] = i.Key, ["label"] = Clean(i.Text), ["type"] = i.Type ?? "text" };
                    if (!string.IsNullOrWhiteSpace(i.Help))
                    {
                        field["help"] = i.Help.Trim();
                    }
                    return field;
                }),
            },
            SectionKind.Feedback => new JsonObject
            {
                ["questions"] = Items(i => new JsonObject { ["key"] = i.Key, ["text"] = Clean(i.Text), ["type"] = i.Type ?? "text" }),
            },
            _ => form.Tool == "checklist"
                ? new JsonObject { ["tool"] = form.Tool, ["items"] = Items(i => new JsonObject { ["key"] = i.Key, ["text"] = Clean(i.Text) }) }
                : new JsonObject { ["tool"] = form.Tool },
        };
        return root.ToJsonString(Indented);
    }

    public static bool Apply(ItemsForm form, string command)
    {
        var parts = command.Split(':');
        var index = parts.Length > 1 && int.TryParse(parts[1], out var n) ? n : -1;
        var valid = index >= 0 && index < form.Items.Count;
        switch (parts[0])
        {
            case "add":
                var prefix = form.Kind switch { SectionKind.Reflection => "prompt-", SectionKind.Worksheet => "field-", SectionKind.Feedback => "question-", _ => "item-" };
                form.Items.Add(new ItemForm
                {
                    Key = QuizDocument.NextKey(form.Items.Select(i => i.Key), prefix),
                    Type = form.Kind switch { SectionKind.Worksheet => "textarea", SectionKind.Feedback => "text", _ => null },
                    MaxLength = form.Kind == SectionKind.Reflection ? 2000 : null,
                });
                return true;
            case "remove" when valid:
                form.Items.RemoveAt(index);
                return true;
            case "up" when valid && index > 0:
            case "down" when valid && index < form.Items.Count - 1:
                var other = parts[0] == "up" ? index - 1 : index + 1;
                (form.Items[index], form.Items[other]) = (form.Items[other], form.Items[index]);
                return true;
            case "refresh" or "remove" or "up" or "down":
                return true;
            default:
                return false;
        }
    }

    private static string Clean(string? text) => text?.Trim() ?? "";
}
