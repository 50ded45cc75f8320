namespace BackCourse.Web.Domain;

/// <summary>A course: its page, its author, its prices (in cents) and its six weeks.</summary>
public sealed class Course
{
    public Guid Id { get; set; }
    public string Slug { get; set; } = "";
    public string Title { get; set; } = "";
    public string Subtitle { get; set; } = "";
    public string DescriptionMarkdown { get; set; } = "";
    public string DescriptionHtml { get; set; } = "";
    public string AuthorName { get; set; } = "";
    public string AuthorCredentials { get; set; } = "";
    public string AuthorBio { get; set; } = "";
    public int ListPriceCents { get; set; }
    public int SalePriceCents { get; set; }
    public string Currency { get; set; } = "usd";
    public string NotMedicalAdvice { get; set; } = "";
    public List<string> WhatYouWillLearn { get; set; } = [];

    /// <summary>JSON array of {question, answer}.</summary>
    public string FaqJson { get; set; } = "[]";

    /// <summary>The "When to see a doctor now" notice as written, and rendered.</summary>
    public string SafetyNoticeMarkdown { get; set; } = "";

    public string SafetyNoticeHtml { get; set; } = "";

    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }

    public List<Week> Weeks { get; set; } = [];
    public List<Section> Sections { get; set; } = [];
}

public sealed class Week
{
    public Guid Id { get; set; }
    public Guid CourseId { get; set; }
    public int Number { get; set; }
    public string Title { get; set; } = "";
    public string Summary { get; set; } = "";
}

/// <summary>One step of a week: a lesson, tip, tool, worksheet, reflection, quiz or feedback form.</summary>
public sealed class Section
{
    public Guid Id { get; set; }
    public Guid CourseId { get; set; }
    public int WeekNumber { get; set; }
    public int Position { get; set; }
    public SectionKind Kind { get; set; }
    public string Slug { get; set; } = "";
    public string Title { get; set; } = "";
    public string Summary { get; set; } = "";
    public int Minutes { get; set; }
    public string BodyMarkdown { get; set; } = "";

    /// <summary>Rendered once when the Markdown changes (raw HTML disabled), not on every view.</summary>
    public string BodyHtml { get; set; } = "";

    /// <summary>Kind-specific data (quiz questions, prompts, worksheet fields, tool settings) as JSON.</summary>
    public string ExtrasJson { get; set; } = "{}";

    /// <summary>Learners see published sections only; drafts and archived sections are for staff.</summary>
    public bool IsPublished { get; set; }

    /// <summary>
    /// Set instead of deleting a section that learners have worked on, so their answers, attempts and
    /// reflections keep their section. An archived section is never published.
    /// </summary>
    public DateTimeOffset? ArchivedAt { get; set; }

    public bool IsPreview { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }

    public SectionState State => ArchivedAt is not null ? SectionState.Archived : IsPublished ? SectionState.Published : SectionState.Draft;
}

public enum SectionState
{
    Draft,
    Published,
    Archived,
}

public enum SectionKind
{
    Lesson,
    Tip,
    Tool,
    Worksheet,
    Reflection,
    Quiz,
    Feedback,
}

public sealed record FaqItem(string Question, string Answer);
