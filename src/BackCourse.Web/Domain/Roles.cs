namespace BackCourse.Web.Domain;

public static class Roles
{
    public const string Learner = "Learner";
    public const string Instructor = "Instructor";
    public const string Admin = "Admin";

    public static readonly IReadOnlyList<string> All = [Learner, Instructor, Admin];
}

/// <summary>Named authorization policies; controllers ask for these, never for raw role strings.</summary>
public static class Policies
{
    public const string Admin = "RequireAdmin";
    public const string Instructor = "RequireInstructor";
    public const string Learner = "RequireLearner";
}
