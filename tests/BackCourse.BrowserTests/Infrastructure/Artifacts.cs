namespace BackCourse.BrowserTests.Infrastructure;

/// <summary>Screenshots saved as test artifacts, so a reviewer can see each journey's last page.</summary>
public static class Artifacts
{
    /// <summary>
    /// BACKCOURSE_SCREENSHOTS when set (<c>./backcourse test</c> points it under BACKCOURSE_TEST_ARTIFACTS or
    /// the project's TestResults), else BACKCOURSE_TEST_ARTIFACTS/screenshots, else TestResults/screenshots
    /// beside this project.
    /// </summary>
    public static string ScreenshotFolder
    {
        get
        {
            var folder = Environment.GetEnvironmentVariable("BACKCOURSE_SCREENSHOTS") switch
            {
                { Length: > 0 } set => set,
                _ => Environment.GetEnvironmentVariable("BACKCOURSE_TEST_ARTIFACTS") is { Length: > 0 } artifacts
                    ? Path.Combine(artifacts, "screenshots")
                    : Path.Combine(ProjectFolder, "TestResults", "screenshots"),
            };
            Directory.CreateDirectory(folder);
            return folder;
        }
    }

    /// <summary>tests/BackCourse.BrowserTests, found from the test binaries (bin/Release/net10.0 under it).</summary>
    public static string ProjectFolder
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "BackCourse.BrowserTests.csproj")))
                {
                    return dir.FullName;
                }
            }
            throw new InvalidOperationException("Could not find tests/BackCourse.BrowserTests above " + AppContext.BaseDirectory);
        }
    }

    public static async Task<string> ScreenshotAsync(this IPage page, string name)
    {
        var path = Path.Combine(ScreenshotFolder, name + ".png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
        return path;
    }
}
