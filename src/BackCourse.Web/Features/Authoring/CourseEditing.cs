using System.Globalization;
using BackCourse.Web.Content;
using BackCourse.Web.Domain;
using FluentValidation;

namespace BackCourse.Web.Features.Authoring;

public sealed class CourseForm
{
    public string? Title { get; set; }
    public string? Subtitle { get; set; }
    public string? DescriptionMarkdown { get; set; }
    public string? AuthorName { get; set; }
    public string? AuthorCredentials { get; set; }
    public string? AuthorBio { get; set; }

    /// <summary>One point per line.</summary>
    public string? WhatYouWillLearn { get; set; }

    public List<FaqForm> Faq { get; set; } = [];

    /// <summary>As typed, for example "12.00": parsed here so a typo gets a message instead of a zero.</summary>
    public string? ListPrice { get; set; }

    public string? SalePrice { get; set; }
    public string? Currency { get; set; }
    public string? NotMedicalAdvice { get; set; }
    public string? SafetyNoticeMarkdown { get; set; }

    public static bool TryCents(string? text, out int cents)
    {
        cents = 0;
        if (!decimal.TryParse(text?.Trim().TrimStart('$', '€', '£'), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var amount)
            || amount > 100_000 || decimal.Round(amount, 2) != amount)
        {
            return false;
        }
        cents = (int)(amount * 100);
        return true;
    }

    public static string Amount(int cents) => (cents / 100m).ToString("0.00", CultureInfo.InvariantCulture);

    public IEnumerable<FaqItem> FaqItems() =>
        Faq.Where(f => !string.IsNullOrWhiteSpace(f.Question) || !string.IsNullOrWhiteSpace(f.Answer))
            .Select(f => new FaqItem(f.Question?.Trim() ?? "", f.Answer?.Trim() ?? ""));

    public List<string> LearnPoints() =>
        [.. (WhatYouWillLearn ?? "").Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0)];
}

public sealed class FaqForm
{
    public string? Question { get; set; }
    public string? Answer { get; set; }
}

public sealed class CourseFormValidator : AbstractValidator<CourseForm>
{
    public static readonly string[] Currencies = ["usd", "eur", "gbp", "cad", "aud"];

    public CourseFormValidator()
    {
        RuleFor(f => f.Title).NotEmpty().WithMessage("The course needs a title.").MaximumLength(200).WithMessage("Keep the title under 200 characters.");
        RuleFor(f => f.Subtitle).MaximumLength(300).WithMessage("Keep the subtitle under 300 characters.");
        RuleFor(f => f.DescriptionMarkdown).NotEmpty().WithMessage("Describe the course.").MaximumLength(20_000).WithMessage("Keep the description under 20,000 characters.")
            .Must(m => MarkdownRenderer.NestingProblem(m) is null).WithMessage(MarkdownRenderer.NestingMessage);
        RuleFor(f => f.AuthorName).NotEmpty().WithMessage("Name the author.").MaximumLength(200).WithMessage("Keep the name under 200 characters.");
        RuleFor(f => f.AuthorCredentials).MaximumLength(200).WithMessage("Keep the credentials under 200 characters.");
        RuleFor(f => f.AuthorBio).MaximumLength(5_000).WithMessage("Keep the bio under 5,000 characters.");
        RuleFor(f => f.WhatYouWillLearn).MaximumLength(5_000).WithMessage("Keep the list under 5,000 characters.");
        RuleFor(f => f.ListPrice).Must(p => CourseForm.TryCents(p, out _)).WithMessage("Give the list price as an amount such as 12.00.");
        RuleFor(f => f.SalePrice).Must(p => CourseForm.TryCents(p, out _)).WithMessage("Give the sale price as an amount such as 9.00.");
        RuleFor(f => f.SalePrice)
            .Must((f, sale) => !CourseForm.TryCents(sale, out var s) || !CourseForm.TryCents(f.ListPrice, out var l) || s <= l)
            .WithMessage("The sale price can't be more than the list price.");
        RuleFor(f => f.Currency).Must(c => Currencies.Contains(c)).WithMessage("Choose a currency.");
        RuleFor(f => f.NotMedicalAdvice).NotEmpty().WithMessage("The not-medical-advice statement is required: the course page must show it.")
            .MaximumLength(2_000).WithMessage("Keep the statement under 2,000 characters.");
        RuleFor(f => f.SafetyNoticeMarkdown).NotEmpty().WithMessage("The \"When to see a doctor now\" notice is required: every lesson links to it.")
            .MaximumLength(20_000).WithMessage("Keep the notice under 20,000 characters.")
            .Must(m => MarkdownRenderer.NestingProblem(m) is null).WithMessage(MarkdownRenderer.NestingMessage);
        RuleForEach(f => f.Faq).ChildRules(faq =>
        {
            faq.RuleFor(x => x.Question).NotEmpty().WithMessage("Write the question, or clear the answer too.")
                .When(x => !string.IsNullOrWhiteSpace(x.Answer));
            faq.RuleFor(x => x.Answer).NotEmpty().WithMessage("Write the answer, or clear the question too.")
                .When(x => !string.IsNullOrWhiteSpace(x.Question));
            faq.RuleFor(x => x.Question).MaximumLength(500).WithMessage("Keep the question under 500 characters.");
            faq.RuleFor(x => x.Answer).MaximumLength(5_000).WithMessage("Keep the answer under 5,000 characters.");
        });
    }
}

public sealed class WeekForm
{
    public string? Title { get; set; }
    public string? Summary { get; set; }
}

public sealed class WeekFormValidator : AbstractValidator<WeekForm>
{
    public WeekFormValidator()
    {
        RuleFor(f => f.Title).NotEmpty().WithMessage("The week needs a title.").MaximumLength(200).WithMessage("Keep the title under 200 characters.");
        RuleFor(f => f.Summary).MaximumLength(2_000).WithMessage("Keep the summary under 2,000 characters.");
    }
}

public sealed class SectionForm
{
    public string? Title { get; set; }
    public string? Slug { get; set; }
    public string? Summary { get; set; }
    public int? Minutes { get; set; }
    public string? BodyMarkdown { get; set; }
    public bool IsPreview { get; set; }

    /// <summary>save, or preview (render the text without saving, for browsers without JavaScript).</summary>
    public string? Command { get; set; }

    public long Version { get; set; }
}

public sealed class NewSectionForm
{
    public int Week { get; set; }
    public SectionKind? Kind { get; set; }
    public string? Title { get; set; }
    public string? Slug { get; set; }
}

internal static class SlugRules
{
    public static bool IsValid(string? slug) =>
        slug is { Length: > 0 and <= 120 } && slug.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-')
        && !slug.StartsWith('-') && !slug.EndsWith('-');

    public const string Message = "Use lower-case letters, digits and single dashes, such as \"neck-stretch-basics\".";

    /// <summary>A slug made from a title: "Ice & Heat: 101" → "ice-heat-101".</summary>
    public static string From(string title)
    {
        var chars = title.ToLowerInvariant().Select(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) ? c : '-');
        var slug = string.Join('-', new string([.. chars]).Split('-', StringSplitOptions.RemoveEmptyEntries));
        return slug.Length > 100 ? slug[..100].TrimEnd('-') : slug;
    }
}

public sealed class SectionFormValidator : AbstractValidator<SectionForm>
{
    public SectionFormValidator()
    {
        RuleFor(f => f.Title).NotEmpty().WithMessage("The section needs a title.").MaximumLength(200).WithMessage("Keep the title under 200 characters.");
        RuleFor(f => f.Slug).Must(SlugRules.IsValid).WithMessage(SlugRules.Message);
        RuleFor(f => f.Summary).MaximumLength(500).WithMessage("Keep the summary under 500 characters.");
        RuleFor(f => f.Minutes).NotNull().WithMessage("Give the minutes it takes, from 0 to 600.")
            .InclusiveBetween(0, 600).WithMessage("Give the minutes it takes, from 0 to 600.");
        RuleFor(f => f.BodyMarkdown).MaximumLength(100_000).WithMessage("Keep the text under 100,000 characters.")
            .Must(m => MarkdownRenderer.NestingProblem(m) is null).WithMessage(MarkdownRenderer.NestingMessage);
    }
}

public sealed class NewSectionFormValidator : AbstractValidator<NewSectionForm>
{
    public NewSectionFormValidator()
    {
        RuleFor(f => f.Kind).NotNull().WithMessage("Choose what kind of section this is.").IsInEnum().WithMessage("Choose what kind of section this is.");
        RuleFor(f => f.Title).NotEmpty().WithMessage("The section needs a title.").MaximumLength(200).WithMessage("Keep the title under 200 characters.");
        RuleFor(f => f.Slug).Must(s => string.IsNullOrEmpty(s) || SlugRules.IsValid(s)).WithMessage(SlugRules.Message);
    }
}
