using System.Net;
using System.Net.Http.Headers;
using BackCourse.IntegrationTests.Infrastructure;

namespace BackCourse.IntegrationTests.Features.Authoring;

public sealed class MediaTests
{
    private static readonly byte[] Png = Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR4nGNgYGD4DwABBAEAwS2OUAAAAABJRU5ErkJggg==");

    private static async Task<HttpResponseMessage> UploadAsync(HttpClient admin, byte[] bytes, string fileName, string contentType)
    {
        var token = await admin.AntiforgeryTokenAsync("/admin/course/details");
        using var content = new MultipartFormDataContent { { new StringContent(token), "__RequestVerificationToken" }, { new StringContent("A spine diagram"), "alt" } };
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        content.Add(file, "image", fileName);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/admin/course/images") { Content = content };
        request.Headers.Add("X-Requested-With", "fetch");
        return await admin.SendAsync(request);
    }

    [Fact]
    public async Task An_uploaded_image_is_served_with_its_type_and_a_markdown_line_to_use()
    {
        await using var app = await TestApp.StartAsync();
        var admin = await app.AdminBrowserAsync();

        var response = await UploadAsync(admin, Png, "spine.png", "image/png");

        response.ShouldBe(HttpStatusCode.OK);
        var json = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        var url = json.GetProperty("url").GetString()!;
        Assert.Equal($"![A spine diagram]({url})", json.GetProperty("markdown").GetString());
        var image = await app.CreateBrowser().GetAsync(url);
        image.ShouldBe(HttpStatusCode.OK);
        Assert.Equal("image/png", image.Content.Headers.ContentType!.MediaType);
        Assert.Equal(Png, await image.Content.ReadAsByteArrayAsync());
        Assert.Single(Directory.GetFiles(app.MediaFolder));
    }

    [Fact]
    public async Task A_file_that_is_not_an_image_or_is_too_large_is_refused_and_not_stored()
    {
        await using var app = await TestApp.StartAsync(new Dictionary<string, string?> { ["Media:MaxBytes"] = "20000" });
        var admin = await app.AdminBrowserAsync();

        var html = await UploadAsync(admin, "<svg onload=alert(1)></svg>"u8.ToArray(), "evil.png", "image/png");
        html.ShouldBe(HttpStatusCode.BadRequest);
        Assert.Contains("Only PNG, JPEG, GIF and WebP", await html.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var big = new byte[25_000];
        Png.CopyTo(big, 0);
        var tooLarge = await UploadAsync(admin, big, "big.png", "image/png");
        tooLarge.ShouldBe(HttpStatusCode.BadRequest);
        Assert.Contains("larger than", await tooLarge.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        Assert.False(Directory.Exists(app.MediaFolder) && Directory.GetFiles(app.MediaFolder).Length > 0);
        (await app.CreateBrowser().GetAsync("/media/../appsettings.json")).ShouldBe(HttpStatusCode.NotFound);
        (await app.CreateBrowser().GetAsync("/media/0123456789abcdef0123456789abcdef.png")).ShouldBe(HttpStatusCode.NotFound);
    }
}
