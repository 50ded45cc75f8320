using BackCourse.Web.Data;

namespace BackCourse.Tests.Data;

public sealed class SnakeCaseColumnsTests
{
    [Theory]
    [InlineData("Id", "id")]
    [InlineData("DisplayName", "display_name")]
    [InlineData("NormalizedUserName", "normalized_user_name")]
    [InlineData("HTMLBody", "html_body")]
    [InlineData("Week2Title", "week2_title")]
    public void Property_names_become_snake_case(string property, string column) =>
        Assert.Equal(column, SnakeCaseColumns.ToSnakeCase(property));
}
