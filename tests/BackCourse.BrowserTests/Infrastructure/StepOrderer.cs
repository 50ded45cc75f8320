using Xunit.Abstractions;
using Xunit.Sdk;

namespace BackCourse.BrowserTests.Infrastructure;

/// <summary>Marks a test as step N of a story told across the tests of one class (one app, state carried over).</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class StepAttribute(int number) : Attribute
{
    public int Number { get; } = number;
}

/// <summary>Runs a class's tests in the order of their <see cref="StepAttribute"/>.</summary>
public sealed class StepOrderer : ITestCaseOrderer
{
    public const string TypeName = "BackCourse.BrowserTests.Infrastructure.StepOrderer";
    public const string AssemblyName = "BackCourse.BrowserTests";

    public IEnumerable<TTestCase> OrderTestCases<TTestCase>(IEnumerable<TTestCase> testCases) where TTestCase : ITestCase =>
        testCases.OrderBy(t => t.TestMethod.Method.GetCustomAttributes(typeof(StepAttribute).AssemblyQualifiedName)
            .Select(a => (int)a.GetConstructorArguments().First())
            .DefaultIfEmpty(int.MaxValue).First());
}
